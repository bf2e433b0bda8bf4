package dev.runner.spring;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * A run of a task scheduled with {@link Runner#runTaskLater}, kept in memory until it is over.
 *
 * @since 0.2.0
 */
public interface RunnerDelayedRun {

	/**
	 * Returns the task's id.
	 * @return the id
	 */
	String taskId();

	/**
	 * Returns when the run is due.
	 * @return the instant the delay ends
	 */
	Instant dueAt();

	/**
	 * Cancels the run if it has not started.
	 * @return {@code true} when the run was cancelled before it started (it will not run, and {@link #result()} fails
	 * with a {@link java.util.concurrent.CancellationException}); {@code false} when it has started, ended or was
	 * cancelled already
	 */
	boolean cancel();

	/**
	 * Returns the outcome of the run, to wait for. Each subscriber sees the same outcome; subscribing neither starts
	 * nor cancels the run.
	 * @return the result; empty for {@code void}, {@code null} or an empty {@code Optional}; the task's failure; a
	 * {@link java.util.concurrent.CancellationException} when the run was cancelled
	 */
	Mono<Object> result();

}
