package dev.runner.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;

import dev.runner.spring.observation.RunnerObservationDocumentation.TaskLowCardinalityKeyNames;

/**
 * The default {@link RunnerTaskObservationConvention}: observations named {@code runner.task}, with the contextual
 * (span) name {@code task <id>}, the low-cardinality keys {@code runner.task.id}, {@code outcome}, {@code error.code}
 * {@code exception} and {@code runner.transport}, and the high-cardinality key {@code runner.request.id}.
 *
 * @since 0.1.0
 */
public class DefaultRunnerTaskObservationConvention implements RunnerTaskObservationConvention {

	/** The default name of task observations. */
	public static final String NAME = "runner.task";

	private static final KeyValue SOCKET = KeyValue.of(TaskLowCardinalityKeyNames.TRANSPORT, "socket");

	private static final KeyValue HTTP = KeyValue.of(TaskLowCardinalityKeyNames.TRANSPORT, "http");

	private static final KeyValue IN_PROCESS = KeyValue.of(TaskLowCardinalityKeyNames.TRANSPORT, "in-process");

	private static final KeyValue SCHEDULE = KeyValue.of(TaskLowCardinalityKeyNames.TRANSPORT, "schedule");

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
		return KeyValues.of(taskId(context), outcome(context), errorCode(context), exception(context),
				transport(context));
	}

	/**
	 * Returns {@code runner.transport}: {@code socket} for a call over the socket, {@code http} for one over the
	 * tunnel, {@code schedule} for an occurrence of a schedule (authenticated as
	 * {@link RunnerAuthentication#SCHEDULE}), {@code in-process} for a call through the {@code Runner} bean.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue transport(RunnerTaskObservationContext context) {
		RunnerContext call = context.getRunnerContext();
		if (call.socket().isPresent()) {
			return SOCKET;
		}
		if (call.exchange().isPresent()) {
			return HTTP;
		}
		return (call.authentication().kind() == RunnerAuthentication.Kind.SCHEDULE) ? SCHEDULE : IN_PROCESS;
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
