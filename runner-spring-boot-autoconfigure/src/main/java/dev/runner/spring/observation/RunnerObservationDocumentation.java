package dev.runner.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the runner: one per task run and one per event emission. Their default names are
 * {@code runner.task} and {@code runner.event}, so {@code management.observations.enable.runner=false} turns both off.
 *
 * @since 0.1.0
 */
public enum RunnerObservationDocumentation implements ObservationDocumentation {

	/**
	 * A task run: from subscription to the handler's result, error or cancellation.
	 */
	TASK {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRunnerTaskObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return TaskLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	},

	/**
	 * An event emission: from subscription until every listener ran, one failed, or the call was cancelled.
	 */
	EVENT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRunnerEventObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return EventLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of {@link #TASK} (they become metric tags).
	 */
	public enum TaskLowCardinalityKeyNames implements KeyName {

		/** The task id; bounded by the registry. */
		TASK_ID {
			@Override
			public String asString() {
				return "runner.task.id";
			}
		},

		/** {@code SUCCESS}, {@code ERROR}, or {@code UNKNOWN} (running, or cancelled). */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The protocol's error code: {@code INTERNAL_ERROR}, {@code INVALID_INPUT}, {@code REQUEST_ABORTED},
		 * {@code FORBIDDEN} (a guard refused), {@code OVERLOADED} (concurrency limit), or {@code none}.
		 */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		},

		/** The simple class name of the failure, or {@code none}. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		},

		/** The door the call came through: {@code http}, {@code socket}, {@code schedule} or {@code in-process}. */
		TRANSPORT {
			@Override
			public String asString() {
				return "runner.transport";
			}
		}

	}

	/**
	 * Low-cardinality keys of {@link #EVENT} (they become metric tags).
	 */
	public enum EventLowCardinalityKeyNames implements KeyName {

		/** The event id; bounded by the registry. */
		EVENT_ID {
			@Override
			public String asString() {
				return "runner.event.id";
			}
		},

		/** {@code SUCCESS}, {@code ERROR}, or {@code UNKNOWN} (running, or cancelled). */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The protocol's error code: {@code INTERNAL_ERROR}, {@code INVALID_INPUT}, {@code REQUEST_ABORTED},
		 * {@code FORBIDDEN} (a guard refused), {@code OVERLOADED} (concurrency limit), or {@code none}.
		 */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		},

		/** The simple class name of the failure, or {@code none}. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

	/**
	 * High-cardinality keys of both observations (traces only, never metric tags).
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The request id of the call ({@code x-runner-request-id}). */
		REQUEST_ID {
			@Override
			public String asString() {
				return "runner.request.id";
			}
		}

	}

}
