package dev.runner.spring.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the schedules can tell about this instance, for the actuator endpoint.
 *
 * @since 0.2.0
 */
public interface RunnerScheduleStatistics {

	/**
	 * Returns every schedule of the application.
	 * @return the schedules, sorted by task id
	 */
	List<Schedule> schedules();

	/**
	 * One schedule and what it did on this instance since start-up.
	 *
	 * @param taskId the task id
	 * @param cron the cron expression, as declared
	 * @param zone the zone id the expression is read in
	 * @param nextRun the next occurrence, {@code null} while the schedules are stopped
	 * @param runs the runs started on this instance (not the occurrences another instance held the lock for, nor the
	 * skipped ones)
	 * @param failures the runs that ended with an error
	 * @param skipped the occurrences skipped because the previous run was still going
	 */
	record Schedule(String taskId, String cron, String zone, @Nullable Instant nextRun, long runs, long failures,
			long skipped) {

	}

}
