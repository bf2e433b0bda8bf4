package dev.runner.spring.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Execution limits of one task, from {@code runner.tasks[<id>]}, overriding those of {@code @RunnerTask}.
 *
 * @param timeout the longest time a call may take, or {@code null} to keep the annotation's
 * @param maxConcurrency the largest number of concurrent calls ({@code 0} for no limit), or {@code null} to keep the
 * annotation's
 * @since 0.1.0
 */
public record TaskSettings(@Nullable Duration timeout, @Nullable Integer maxConcurrency) {

}
