package dev.runner.spring.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

import dev.runner.spring.core.TaskDescriptor;

/**
 * A checked schedule: its task, its parsed cron expression and zone, the input text of its runs (decoded afresh for
 * each run) and its lock durations.
 */
record ResolvedSchedule(TaskDescriptor task, String cron, ZoneId zone, CronExpression expression,
		@Nullable String input, Duration lockAtMostFor, @Nullable Duration lockAtLeastFor) {

	/**
	 * Returns the next occurrence after an instant.
	 * @return the occurrence, or {@code null} when the expression has none (a date that never comes)
	 */
	@Nullable Instant next(Instant after) {
		ZonedDateTime next = this.expression.next(after.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

	/**
	 * Returns how long the lock of the occurrence that runs now is held at least: as configured, else
	 * {@link ScheduleDeclaration#DEFAULT_LOCK_AT_LEAST_FOR} or half the time to the next occurrence when that is
	 * shorter (never past the next occurrence, which would then find the lock taken on every instance).
	 */
	Duration lockAtLeastFor(Instant now) {
		if (this.lockAtLeastFor != null) {
			return this.lockAtLeastFor;
		}
		Instant next = next(now);
		Duration half = (next != null) ? Duration.between(now, next).dividedBy(2)
				: ScheduleDeclaration.DEFAULT_LOCK_AT_LEAST_FOR;
		Duration atLeast = (half.compareTo(ScheduleDeclaration.DEFAULT_LOCK_AT_LEAST_FOR) < 0) ? half
				: ScheduleDeclaration.DEFAULT_LOCK_AT_LEAST_FOR;
		return (atLeast.compareTo(this.lockAtMostFor) < 0) ? atLeast : this.lockAtMostFor;
	}

}
