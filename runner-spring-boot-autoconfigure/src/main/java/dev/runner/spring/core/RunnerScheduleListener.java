package dev.runner.spring.core;

/**
 * Told what the schedules do: runs that failed, occurrences skipped because the previous run of the same schedule was
 * still going. Implementations must be quick and must not throw; metrics hook in here.
 *
 * @since 0.2.0
 */
public interface RunnerScheduleListener {

	/** A listener that does nothing. */
	RunnerScheduleListener NONE = new RunnerScheduleListener() {
	};

	/**
	 * A scheduled run of a task ended with an error (it was refused, failed or timed out).
	 * @param taskId the task id
	 * @param errorCode the protocol's error code of the failure, as {@link RunnerError#code()} gives it
	 */
	default void failed(String taskId, String errorCode) {
	}

	/**
	 * An occurrence of a schedule was skipped on this instance because the previous run was still going.
	 * @param taskId the task id
	 */
	default void skipped(String taskId) {
	}

}
