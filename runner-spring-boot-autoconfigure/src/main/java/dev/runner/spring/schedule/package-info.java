/**
 * The schedule door, a door with no network: {@code runner.schedules[<task id>]} and {@code @RunnerTask(cron)} run
 * tasks on Spring's {@code TaskScheduler} through the same pipeline as in-process calls, authenticated as
 * {@link dev.runner.spring.RunnerAuthentication#SCHEDULE}, on one instance per occurrence when a
 * {@link dev.runner.spring.schedule.ScheduleLock} (ShedLock's) is configured.
 */
@NullMarked
package dev.runner.spring.schedule;

import org.jspecify.annotations.NullMarked;
