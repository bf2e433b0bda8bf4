package dev.runner.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.runner.spring.observation.RunnerObservationDocumentation.TaskLowCardinalityKeyNames;

/**
 * The default {@link RunnerTaskObservationConvention}: observations named {@code runner.task}, with the contextual
 * (span) name {@code task <id>}, the low-cardinality keys {@code runner.task.id}, {@code outcome}, {@code error.code}
 * and {@code exception}, and the high-cardinality key {@code runner.request.id}.
 *
 * @since 0.1.0
 */
public class DefaultRunnerTaskObservationConvention implements RunnerTaskObservationConvention {

	/** The default name of task observations. */
	public static final String NAME = "runner.task";

	private final RunnerKeyValues keyValues = new RunnerKeyValues(TaskLowCardinalityKeyNames.TASK_ID,
			TaskLowCardinalityKeyNames.OUTCOME, TaskLowCardinalityKeyNames.ERROR_CODE,
			TaskLowCardinalityKeyNames.EXCEPTION, "task ");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RunnerTaskObservationContext context) {
		return this.keyValues.contextualName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RunnerTaskObservationContext context) {
		return KeyValues.of(taskId(context), outcome(context), errorCode(context), exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RunnerTaskObservationContext context) {
		return KeyValues.of(requestId(context));
	}

	/**
	 * Returns the {@code runner.task.id} key value, built once per id.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue taskId(RunnerTaskObservationContext context) {
		return this.keyValues.id(context);
	}

	/**
	 * Returns {@code outcome}: {@code SUCCESS}, {@code ERROR}, or {@code UNKNOWN} (running or cancelled).
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(RunnerTaskObservationContext context) {
		return this.keyValues.outcome(context);
	}

	/**
	 * Returns {@code error.code}: the protocol's error code, {@code none} without error.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue errorCode(RunnerTaskObservationContext context) {
		return this.keyValues.errorCode(context);
	}

	/**
	 * Returns {@code exception}: the simple class name of the failure, {@code none} without one.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue exception(RunnerTaskObservationContext context) {
		return this.keyValues.exception(context);
	}

	/**
	 * Returns the high-cardinality {@code runner.request.id}.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue requestId(RunnerTaskObservationContext context) {
		return RunnerKeyValues.requestId(context);
	}

}
