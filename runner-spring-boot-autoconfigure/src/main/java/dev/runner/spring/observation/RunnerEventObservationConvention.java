package dev.runner.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of an event emission. Declare a bean of this type to replace
 * {@link DefaultRunnerEventObservationConvention} (or extend it to add keys).
 *
 * @since 0.1.0
 */
public interface RunnerEventObservationConvention extends ObservationConvention<RunnerEventObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RunnerEventObservationContext;
	}

}
