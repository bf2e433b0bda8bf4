package dev.runner.spring.schedule;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A schedule as configured in {@code runner.schedules[<task id>]}, before it is checked. What it leaves unset is
 * taken from the task's {@code @RunnerTask(cron, zone)}.
 *
 * @param taskId the task id, the key of the map
 * @param cron the cron expression in Spring's syntax, {@code null} to keep the annotation's
 * @param zone the zone id, {@code null} to keep the annotation's (the system's zone when neither gives one)
 * @param input the input of every run, as runner JSON; {@code null} for none
 * @param lockAtMostFor how long the lock of one occurrence may be held at most, with a {@link ScheduleLock}
 * @param lockAtLeastFor how long it is held at least, {@code null} for the default (see {@link #lockAtLeastFor()})
 * @since 0.2.0
 */
public record ScheduleDeclaration(String taskId, @Nullable String cron, @Nullable String zone, @Nullable String input,
		Duration lockAtMostFor, @Nullable Duration lockAtLeastFor) {

	/** Default of {@link #lockAtMostFor()}: 10 minutes. */
	public static final Duration DEFAULT_LOCK_AT_MOST_FOR = Duration.ofMinutes(10);

	/**
	 * Longest default of {@link #lockAtLeastFor()}: 1 second, or half the time to the next occurrence when that is
	 * shorter, so that an instance whose clock is late does not run an occurrence that another has just run.
	 */
	public static final Duration DEFAULT_LOCK_AT_LEAST_FOR = Duration.ofSeconds(1);

	/**
	 * The declaration of a schedule that only the annotation gives.
	 * @param taskId the task id
	 * @return a declaration that keeps the annotation's cron and zone, without input, with the default lock durations
	 */
	static ScheduleDeclaration ofAnnotation(String taskId) {
		return new ScheduleDeclaration(taskId, null, null, null, DEFAULT_LOCK_AT_MOST_FOR, null);
	}

}
