package dev.runner.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.runner.spring.core.RunnerScheduleListener;

/**
 * The schedules' meters: {@code runner.schedule.failures} (scheduled runs that ended with an error, tags
 * {@code runner.task.id} and {@code error.code}) and {@code runner.schedule.skipped} (occurrences skipped because the
 * previous run was still going, tag {@code runner.task.id}). Counters are registered at the first failure or skip of
 * each task; task ids and error codes are few.
 *
 * @since 0.2.0
 */
public final class RunnerScheduleMetrics implements RunnerScheduleListener {

	/** Name of the counter of failed scheduled runs. */
	public static final String FAILURES = "runner.schedule.failures";

	/** Name of the counter of skipped occurrences. */
	public static final String SKIPPED = "runner.schedule.skipped";

	private final MeterRegistry registry;

	private final Map<String, Counter> failures = new ConcurrentHashMap<>();

	private final Map<String, Counter> skipped = new ConcurrentHashMap<>();

	/**
	 * Creates the meters.
	 * @param registry where they are registered
	 */
	public RunnerScheduleMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void failed(String taskId, String errorCode) {
		this.failures.computeIfAbsent(taskId + " " + errorCode, (key) -> Counter.builder(FAILURES)
			.description("Scheduled runs of runner tasks that ended with an error")
			.tag("runner.task.id", taskId)
			.tag("error.code", errorCode)
			.register(this.registry)).increment();
	}

	@Override
	public void skipped(String taskId) {
		this.skipped.computeIfAbsent(taskId, (key) -> Counter.builder(SKIPPED)
			.description("Occurrences of runner schedules skipped because the previous run was still going")
			.tag("runner.task.id", taskId)
			.register(this.registry)).increment();
	}

}
