package dev.runner.spring.observation;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.RunnerExecutionObserver;
import dev.runner.spring.core.TaskDescriptor;

/**
 * Observes every task run and event emission the way Spring's own WebFlux instrumentation does: per subscription
 * ({@link Mono#deferContextual}), a Micrometer observation ({@code runner.task} / {@code runner.event}), child of the
 * observation in the subscriber's Reactor context (the HTTP server request's) and put in the Reactor context of the
 * execution for the observations the handler starts, stopped on the first signal or the cancellation; and live counts
 * in {@link RunnerExecutionStatistics}. Installs nothing global: the request id reaches the
 * MDC through {@link RunnerRequestIdAccessor}, and failures are logged by the execution pipeline
 * ({@link dev.runner.spring.core.RunnerExecution}).
 *
 * @since 0.1.0
 */
public final class RunnerExecutionInstrumentation implements RunnerExecutionObserver {

	private static final RunnerTaskObservationConvention DEFAULT_TASK_CONVENTION = new DefaultRunnerTaskObservationConvention();

	private static final RunnerEventObservationConvention DEFAULT_EVENT_CONVENTION = new DefaultRunnerEventObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable RunnerTaskObservationConvention taskConvention;

	private final @Nullable RunnerEventObservationConvention eventConvention;

	private final RunnerExecutionStatistics statistics;

	/**
	 * Creates an instrumentation with the default conventions.
	 * @param registry the observation registry, {@link ObservationRegistry#NOOP} for counts only
	 * @param statistics where the live counts go
	 */
	public RunnerExecutionInstrumentation(ObservationRegistry registry, RunnerExecutionStatistics statistics) {
		this(registry, null, null, statistics);
	}

	/**
	 * Creates an instrumentation.
	 * @param registry the observation registry, {@link ObservationRegistry#NOOP} for counts only
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
	}

	@Override
	public Mono<Object> observeTask(TaskDescriptor task, RunnerContext context, Mono<Object> execution) {
		RunnerExecutionStatistics.Counter counter = this.statistics.taskCounter(task.id());
		return Mono.deferContextual((subscriberContext) -> {
			RunnerTaskObservationContext observationContext = new RunnerTaskObservationContext(task, context);
			return ExecutionObservation.observe(execution, RunnerObservationDocumentation.TASK.observation(
					this.taskConvention, DEFAULT_TASK_CONVENTION, () -> observationContext, this.registry),
					observationContext, counter, subscriberContext);
		});
	}

	@Override
	public Mono<Object> observeEvent(EventDescriptor event, RunnerContext context, Mono<Object> execution) {
		RunnerExecutionStatistics.Counter counter = this.statistics.eventCounter(event.id());
		return Mono.deferContextual((subscriberContext) -> {
			RunnerEventObservationContext observationContext = new RunnerEventObservationContext(event, context);
			return ExecutionObservation.observe(execution, RunnerObservationDocumentation.EVENT.observation(
					this.eventConvention, DEFAULT_EVENT_CONVENTION, () -> observationContext, this.registry),
					observationContext, counter, subscriberContext);
		});
	}

}
