package dev.runner.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.RunnerGuard;

/**
 * What applies around every call of one task, resolved at start-up: its guards (by bean name), its timeout and its
 * concurrency limit, with the count of calls running now.
 *
 * @since 0.1.0
 */
public final class TaskPolicy {

	/** No guard, no timeout, no limit. */
	public static final TaskPolicy NONE = new TaskPolicy(List.of(), null, 0);

	private final List<Map.Entry<String, RunnerGuard>> guards;

	private final @Nullable Duration timeout;

	private final int maxConcurrency;

	private final AtomicInteger running = new AtomicInteger();

	private TaskPolicy(List<Map.Entry<String, RunnerGuard>> guards, @Nullable Duration timeout, int maxConcurrency) {
		this.guards = List.copyOf(guards);
		this.timeout = timeout;
		this.maxConcurrency = maxConcurrency;
	}

	/**
	 * Creates a policy.
	 * @param guards the guards by bean name, in the order they are asked
	 * @param timeout the timeout, or {@code null}
	 * @param maxConcurrency the concurrency limit, {@code 0} for none
	 * @return the policy
	 */
	public static TaskPolicy of(List<Map.Entry<String, RunnerGuard>> guards, @Nullable Duration timeout,
			int maxConcurrency) {
		return new TaskPolicy(guards, timeout, maxConcurrency);
	}

	/**
	 * Returns the guards by bean name, in the order they are asked.
	 * @return the guards
	 */
	public List<Map.Entry<String, RunnerGuard>> guards() {
		return this.guards;
	}

	/**
	 * Returns the timeout.
	 * @return the timeout, or {@code null} for none
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Returns the concurrency limit.
	 * @return the limit, {@code 0} for none
	 */
	public int maxConcurrency() {
		return this.maxConcurrency;
	}

	boolean tryAcquire() {
		if (this.maxConcurrency <= 0) {
			return true;
		}
		if (this.running.incrementAndGet() > this.maxConcurrency) {
			this.running.decrementAndGet();
			return false;
		}
		return true;
	}

	void release() {
		if (this.maxConcurrency > 0) {
			this.running.decrementAndGet();
		}
	}

}
