package dev.runner.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a task run. Declare a bean of this type to replace
 * {@link DefaultRunnerTaskObservationConvention} (or extend it to add keys).
 *
 * @since 0.1.0
 */
public interface RunnerTaskObservationConvention extends ObservationConvention<RunnerTaskObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RunnerTaskObservationContext;
	}

}
