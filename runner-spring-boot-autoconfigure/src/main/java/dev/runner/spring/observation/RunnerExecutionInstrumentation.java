package dev.runner.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.RunnerExecutionObserver;
import dev.runner.spring.core.TaskDescriptor;

/**
 * Observes every task run and event emission: a Micrometer observation ({@code runner.task} / {@code runner.event}),
 * live counts in {@link RunnerExecutionStatistics}, the request id in the MDC of every thread the call runs on
 * ({@link RunnerLogContext#REQUEST_ID_KEY}), and one log line per failed execution. Failures that are the server's
 * problem ({@code INTERNAL_ERROR}, except typed errors with a 4xx status) are logged at {@code ERROR} with the stack
 * trace; the caller's problems ({@code INVALID_INPUT}, {@code REQUEST_ABORTED}, typed 4xx) at {@code DEBUG}.
 * <p>
 * Close the instrumentation when done with it: it installs a Reactor scheduler hook, shared by all instances, that
 * carries the request id over to the tasks a call schedules.
 *
 * @since 0.1.0
 */
public final class RunnerExecutionInstrumentation implements RunnerExecutionObserver, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RunnerExecutionInstrumentation.class);

	private static final RunnerTaskObservationConvention DEFAULT_TASK_CONVENTION = new DefaultRunnerTaskObservationConvention();

	private static final RunnerEventObservationConvention DEFAULT_EVENT_CONVENTION = new DefaultRunnerEventObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable RunnerTaskObservationConvention taskConvention;

	private final @Nullable RunnerEventObservationConvention eventConvention;

	private final RunnerExecutionStatistics statistics;

	private boolean closed;

	/**
	 * Creates an instrumentation with the default conventions.
	 * @param registry the observation registry, {@link ObservationRegistry#NOOP} for counts and log context only
	 * @param statistics where the live counts go
	 */
	public RunnerExecutionInstrumentation(ObservationRegistry registry, RunnerExecutionStatistics statistics) {
		this(registry, null, null, statistics);
	}

	/**
	 * Creates an instrumentation.
	 * @param registry the observation registry, {@link ObservationRegistry#NOOP} for counts and log context only
	 * @param taskConvention the convention of task observations, {@code null} for the default
	 * @param eventConvention the convention of event observations, {@code null} for the default
	 * @param statistics where the live counts go
	 */
	public RunnerExecutionInstrumentation(ObservationRegistry registry,
			@Nullable RunnerTaskObservationConvention taskConvention,
			@Nullable RunnerEventObservationConvention eventConvention, RunnerExecutionStatistics statistics) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(statistics, "'statistics' must not be null");
		this.registry = registry;
		this.taskConvention = taskConvention;
		this.eventConvention = eventConvention;
		this.statistics = statistics;
		RunnerCallScope.retainSchedulerHook();
	}

	@Override
	public Mono<Object> observeTask(TaskDescriptor task, RunnerContext context, Mono<Object> execution) {
		return new ObservedExecution(execution, new TaskTarget(task, context));
	}

	@Override
	public Mono<Object> observeEvent(EventDescriptor event, RunnerContext context, Mono<Object> execution) {
		return new ObservedExecution(execution, new EventTarget(event, context));
	}

	/**
	 * Returns the live counts.
	 * @return the statistics
	 */
	public RunnerExecutionStatistics getStatistics() {
		return this.statistics;
	}

	/**
	 * Removes the scheduler hook, unless other instances still use it.
	 */
	@Override
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			RunnerCallScope.releaseSchedulerHook();
		}
	}

	private static void logFailure(String kind, String id, RunnerContext context, Throwable failure) {
		boolean serverError = RunnerErrorCodes.isServerError(failure);
		if (serverError ? logger.isErrorEnabled() : logger.isDebugEnabled()) {
			String message = "Runner " + kind + " failed: runner." + kind + ".id=" + id + " runner.request.id="
					+ context.requestId() + " error.code=" + RunnerErrorCodes.of(failure) + " exception="
					+ failure.getClass().getName();
			if (serverError) {
				logger.error(message, failure);
			}
			else {
				logger.debug(message, failure);
			}
		}
		context.exchange()
			.ifPresent((exchange) -> exchange.getAttributes().put(RunnerExecutionObserver.LOGGED_FAILURE_ATTRIBUTE,
					failure));
	}

	/**
	 * What {@link ObservedExecution} needs to know about the task or event it observes.
	 */
	abstract static class Target {

		private final RunnerContext runnerContext;

		private final RunnerExecutionStatistics.Counter counter;

		Target(RunnerContext runnerContext, RunnerExecutionStatistics.Counter counter) {
			this.runnerContext = runnerContext;
			this.counter = counter;
		}

		RunnerContext runnerContext() {
			return this.runnerContext;
		}

		String requestId() {
			return this.runnerContext.requestId();
		}

		RunnerExecutionStatistics.Counter counter() {
			return this.counter;
		}

		abstract RunnerObservationContext newContext();

		abstract Observation newObservation(RunnerObservationContext context);

		abstract void failed(Throwable failure);

	}

	private final class TaskTarget extends Target {

		private final TaskDescriptor task;

		TaskTarget(TaskDescriptor task, RunnerContext context) {
			super(context, RunnerExecutionInstrumentation.this.statistics.taskCounter(task.id()));
			this.task = task;
		}

		@Override
		RunnerObservationContext newContext() {
			return new RunnerTaskObservationContext(this.task, runnerContext());
		}

		@Override
		Observation newObservation(RunnerObservationContext context) {
			return RunnerObservationDocumentation.TASK.observation(
					RunnerExecutionInstrumentation.this.taskConvention, DEFAULT_TASK_CONVENTION,
					() -> (RunnerTaskObservationContext) context, RunnerExecutionInstrumentation.this.registry);
		}

		@Override
		void failed(Throwable failure) {
			this.counter().failed();
			logFailure("task", this.task.id(), runnerContext(), failure);
		}

	}

	private final class EventTarget extends Target {

		private final EventDescriptor event;

		EventTarget(EventDescriptor event, RunnerContext context) {
			super(context, RunnerExecutionInstrumentation.this.statistics.eventCounter(event.id()));
			this.event = event;
		}

		@Override
		RunnerObservationContext newContext() {
			return new RunnerEventObservationContext(this.event, runnerContext());
		}

		@Override
		Observation newObservation(RunnerObservationContext context) {
			return RunnerObservationDocumentation.EVENT.observation(
					RunnerExecutionInstrumentation.this.eventConvention, DEFAULT_EVENT_CONVENTION,
					() -> (RunnerEventObservationContext) context, RunnerExecutionInstrumentation.this.registry);
		}

		@Override
		void failed(Throwable failure) {
			this.counter().failed();
			logFailure("event", this.event.id(), runnerContext(), failure);
		}

	}

}
