package dev.runner.spring.client;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the {@link RunnerClient}: one per call, named {@code runner.client.task} and
 * {@code runner.client.event} by default (so {@code management.observations.enable.runner.client=false} turns both
 * off). Each is the parent of the {@code WebClient}'s {@code http.client.requests} observation of the same call.
 *
 * @since 0.2.0
 */
public enum RunnerClientObservationDocumentation implements ObservationDocumentation {

	/**
	 * A call of a {@link RunnerClient}: a task run or an event emission on a remote server.
	 */
	CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRunnerClientObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys (they become metric tags).
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The client's name ({@code runner.clients.<name>}). */
		CLIENT_NAME {
			@Override
			public String asString() {
				return "runner.client.name";
			}
		},

		/** The task or event id. */
		ID {
			@Override
			public String asString() {
				return "runner.id";
			}
		},

		/** {@code SUCCESS}, {@code ERROR}, or {@code UNKNOWN} (running, or cancelled). */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The error's code ({@link RunnerClientObservationContext#getErrorCode()}), or {@code none}. */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		}

	}

	/**
	 * High-cardinality keys (traces only, never metric tags).
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The request id sent ({@code x-runner-request-id}), or {@code none}. */
		REQUEST_ID {
			@Override
			public String asString() {
				return "runner.request.id";
			}
		},

		/** The URL called. */
		URL {
			@Override
			public String asString() {
				return "url.full";
			}
		}

	}

}
