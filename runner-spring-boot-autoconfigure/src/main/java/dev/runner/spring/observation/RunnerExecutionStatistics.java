package dev.runner.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of executions per task and per event since start-up, kept whether or not a meter registry exists (the
 * {@code runner} actuator endpoint shows them).
 *
 * @since 0.1.0
 */
public final class RunnerExecutionStatistics {

	private final Map<String, Counter> tasks = new ConcurrentHashMap<>();

	private final Map<String, Counter> events = new ConcurrentHashMap<>();

	/**
	 * Returns the counts of one task.
	 * @param id the task id
	 * @return the counts, all zero when the task never ran
	 */
	public Counts task(String id) {
		Counter counter = this.tasks.get(id);
		return (counter != null) ? counter.counts() : Counts.ZERO;
	}

	/**
	 * Returns the counts of one event.
	 * @param id the event id
	 * @return the counts, all zero when the event was never emitted
	 */
	public Counts event(String id) {
		Counter counter = this.events.get(id);
		return (counter != null) ? counter.counts() : Counts.ZERO;
	}

	Counter taskCounter(String id) {
		return counter(this.tasks, id);
	}

	Counter eventCounter(String id) {
		return counter(this.events, id);
	}

	private static Counter counter(Map<String, Counter> counters, String id) {
		Counter counter = counters.get(id);
		return (counter != null) ? counter : counters.computeIfAbsent(id, (key) -> new Counter());
	}

	/**
	 * Counts of one task or event.
	 *
	 * @param total executions started
	 * @param succeeded executions that ended with a result
	 * @param failed executions that ended with an error
	 * @param cancelled executions cancelled before they ended
	 * @param active executions running now
	 */
	public record Counts(long total, long succeeded, long failed, long cancelled, long active) {

		static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

	}

	static final class Counter {

		private final LongAdder started = new LongAdder();

		private final LongAdder succeeded = new LongAdder();

		private final LongAdder failed = new LongAdder();

		private final LongAdder cancelled = new LongAdder();

		void started() {
			this.started.increment();
		}

		void succeeded() {
			this.succeeded.increment();
		}

		void failed() {
			this.failed.increment();
		}

		void cancelled() {
			this.cancelled.increment();
		}

		Counts counts() {
			long succeeded = this.succeeded.sum();
			long failed = this.failed.sum();
			long cancelled = this.cancelled.sum();
			long started = this.started.sum();
			return new Counts(started, succeeded, failed, cancelled,
					Math.max(0, started - succeeded - failed - cancelled));
		}

	}

}
