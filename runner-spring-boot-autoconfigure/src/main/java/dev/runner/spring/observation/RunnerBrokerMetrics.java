package dev.runner.spring.observation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.runner.spring.core.RunnerBrokerListener;

/**
 * The broker's meters (docs/socket.md §7): {@code runner.broker.publications} (tag {@code direction} {@code sent} or
 * {@code received}), {@code runner.broker.failures} (tag {@code operation}) and {@code runner.broker.probe} (timer of
 * the health probe's round trip).
 *
 * @since 0.1.0
 */
public final class RunnerBrokerMetrics implements RunnerBrokerListener {

	/** Name of the counter of publications through the broker. */
	public static final String PUBLICATIONS = "runner.broker.publications";

	/** Name of the counter of relays that failed. */
	public static final String FAILURES = "runner.broker.failures";

	/** Name of the timer of health probes. */
	public static final String PROBE = "runner.broker.probe";

	private final MeterRegistry registry;

	private final Counter sent;

	private final Counter received;

	private final Timer probe;

	private final Map<String, Counter> failures = new ConcurrentHashMap<>();

	/**
	 * Creates the meters.
	 * @param registry where they are registered
	 */
	public RunnerBrokerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.sent = publications(registry, "sent");
		this.received = publications(registry, "received");
		this.probe = Timer.builder(PROBE)
			.description("Round trip of the broker's health probe through Redis")
			.register(registry);
	}

	private static Counter publications(MeterRegistry registry, String direction) {
		return Counter.builder(PUBLICATIONS)
			.description("Publications relayed through the broker")
			.tag("direction", direction)
			.register(registry);
	}

	@Override
	public void sent() {
		this.sent.increment();
	}

	@Override
	public void received() {
		this.received.increment();
	}

	@Override
	public void failed(String operation) {
		this.failures.computeIfAbsent(operation, (value) -> Counter.builder(FAILURES)
			.description("Publications and commands the broker could not relay")
			.tag("operation", value)
			.register(this.registry)).increment();
	}

	@Override
	public void probed(Duration roundTrip) {
		this.probe.record(roundTrip);
	}

}
