package dev.runner.spring.core;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerGuard;

/**
 * The one way tasks are run and events emitted, whoever the caller is (the HTTP tunnel, the in-process
 * {@link dev.runner.spring.Runner}), so that what applies to every execution is applied in one place. A task call
 * goes: concurrency limit (503 {@code OVERLOADED} at once when reached), guards in order (403 {@code FORBIDDEN} on the
 * first refusal), the handler, bounded by the timeout ({@link TaskTimeoutException}). Cancelling the returned
 * {@code Mono} (the client went away, the timeout fired) marks the context cancelled. The
 * {@link RunnerExecutionObserver} wraps all of it, so observations, counts and log context cover refusals and
 * timeouts too.
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
	 * @return the result, as {@link HandlerInvoker#invoke(Object, RunnerContext)} gives it; a
	 * {@link RunnerRejectedException} when the call was refused before running
	 */
	public Mono<Object> runTask(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		return this.observer.observeTask(task, context, execute(task, input, context));
	}

	private Mono<Object> execute(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		TaskPolicy policy = task.policy();
		if (policy == TaskPolicy.NONE) {
			return cancellable(task.invoker().invoke(input, context), context);
		}
		return Mono.defer(() -> {
			if (!policy.tryAcquire()) {
				return Mono.error(new RunnerRejectedException(503, "OVERLOADED", "Task " + task.id()
						+ " is at its limit of " + policy.maxConcurrency() + " concurrent calls"));
			}
			// Marked cancelled upstream of the timeout, so the flag is set before the handler's thread is interrupted.
			Mono<Object> call = cancellable(
					guarded(task, input, context).then(Mono.defer(() -> task.invoker().invoke(input, context))),
					context);
			if (policy.timeout() != null) {
				call = call.timeout(policy.timeout(),
						Mono.error(() -> new TaskTimeoutException(task.id(), policy.timeout().toMillis())));
			}
			return call.doFinally((signal) -> policy.release());
		});
	}

	private static Mono<Void> guarded(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		if (task.policy().guards().isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(task.policy().guards()).concatMap((guard) -> check(task, guard, input, context)).then();
	}

	private static Mono<Void> check(TaskDescriptor task, Map.Entry<String, RunnerGuard> guard, @Nullable Object input,
			RunnerContext context) {
		return Mono.defer(() -> guard.getValue().check(task.id(), input, context))
			.defaultIfEmpty(false)
			.flatMap((allowed) -> allowed ? Mono.empty() : Mono.error(new RunnerRejectedException(403, "FORBIDDEN",
					"Task " + task.id() + " refused by " + guard.getKey())));
	}

	/**
	 * Emits an event.
	 * @param event the event
	 * @param payload the payload, {@code null} when absent
	 * @param context the context of the call
	 * @return the final payload, as {@link RunnerEventEmitter#emit(EventDescriptor, Object, RunnerContext)} gives it
	 */
	public Mono<Object> emit(EventDescriptor event, @Nullable Object payload, RunnerContext context) {
		return this.observer.observeEvent(event, context,
				cancellable(this.emitter.emit(event, payload, context), context));
	}

	private static Mono<Object> cancellable(Mono<Object> call, RunnerContext context) {
		return (context instanceof AbstractRunnerContext cancellable) ? call.doOnCancel(cancellable::cancel) : call;
	}

}
