package dev.runner.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.runner.spring.observation.RunnerObservationDocumentation.EventLowCardinalityKeyNames;

/**
 * The default {@link RunnerEventObservationConvention}: observations named {@code runner.event}, with the contextual
 * (span) name {@code event <id>}, the low-cardinality keys {@code runner.event.id}, {@code outcome}, {@code error.code}
 * and {@code exception}, and the high-cardinality key {@code runner.request.id}.
 *
 * @since 0.1.0
 */
public class DefaultRunnerEventObservationConvention implements RunnerEventObservationConvention {

	/** The default name of event observations. */
	public static final String NAME = "runner.event";

	private final RunnerKeyValues keyValues = new RunnerKeyValues(EventLowCardinalityKeyNames.EVENT_ID,
			EventLowCardinalityKeyNames.OUTCOME, EventLowCardinalityKeyNames.ERROR_CODE,
			EventLowCardinalityKeyNames.EXCEPTION, "event ");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RunnerEventObservationContext context) {
		return this.keyValues.contextualName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RunnerEventObservationContext context) {
		return KeyValues.of(eventId(context), outcome(context), errorCode(context), exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RunnerEventObservationContext context) {
		return KeyValues.of(requestId(context));
	}

	/**
	 * Returns the {@code runner.event.id} key value, built once per id.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue eventId(RunnerEventObservationContext context) {
		return this.keyValues.id(context);
	}

	/**
	 * Returns {@code outcome}: {@code SUCCESS}, {@code ERROR}, or {@code UNKNOWN} (running or cancelled).
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(RunnerEventObservationContext context) {
		return this.keyValues.outcome(context);
	}

	/**
	 * Returns {@code error.code}: the protocol's error code, {@code none} without error.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue errorCode(RunnerEventObservationContext context) {
		return this.keyValues.errorCode(context);
	}

	/**
	 * Returns {@code exception}: the simple class name of the failure, {@code none} without one.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue exception(RunnerEventObservationContext context) {
		return this.keyValues.exception(context);
	}

	/**
	 * Returns the high-cardinality {@code runner.request.id}.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue requestId(RunnerEventObservationContext context) {
		return RunnerKeyValues.requestId(context);
	}

}
