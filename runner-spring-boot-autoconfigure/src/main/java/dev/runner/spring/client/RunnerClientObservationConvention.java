package dev.runner.spring.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of the {@link RunnerClient}'s observations; declare a bean of this type to replace
 * {@link DefaultRunnerClientObservationConvention}.
 *
 * @since 0.2.0
 */
public interface RunnerClientObservationConvention extends ObservationConvention<RunnerClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RunnerClientObservationContext;
	}

}
