package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerContext;

/**
 * The one way tasks are run and events emitted, whoever the caller is: the HTTP tunnel goes through it, so that what
 * applies to every execution is applied in one place.
 *
 * @since 0.1.0
 */
public class RunnerExecution {

	private final RunnerEventEmitter emitter;

	private final RunnerExecutionObserver observer;

	/**
	 * Creates the execution pipeline.
	 * @param emitter runs event listeners
	 */
	public RunnerExecution(RunnerEventEmitter emitter) {
		this(emitter, RunnerExecutionObserver.NONE);
	}

	/**
	 * Creates the execution pipeline.
	 * @param emitter runs event listeners
	 * @param observer wraps every run and emission (metrics, tracing, log context)
	 */
	public RunnerExecution(RunnerEventEmitter emitter, RunnerExecutionObserver observer) {
		this.emitter = emitter;
		this.observer = observer;
	}

	/**
	 * Runs a task.
	 * @param task the task
	 * @param input the input, {@code null} when absent
	 * @param context the context of the call
	 * @return the result, as {@link HandlerInvoker#invoke(Object, RunnerContext)} gives it
	 */
	public Mono<Object> runTask(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		return this.observer.observeTask(task, context, task.invoker().invoke(input, context));
	}

	/**
	 * Emits an event.
	 * @param event the event
	 * @param payload the payload, {@code null} when absent
	 * @param context the context of the call
	 * @return the final payload, as {@link RunnerEventEmitter#emit(EventDescriptor, Object, RunnerContext)} gives it
	 */
	public Mono<Object> emit(EventDescriptor event, @Nullable Object payload, RunnerContext context) {
		return this.observer.observeEvent(event, context, this.emitter.emit(event, payload, context));
	}

}
