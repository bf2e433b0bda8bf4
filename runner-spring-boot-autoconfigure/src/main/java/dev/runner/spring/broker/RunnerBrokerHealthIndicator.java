package dev.runner.spring.broker;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code runnerBroker} health component (docs/socket.md §7.1): {@code UP} when a probe this instance sends itself
 * through Redis comes back within 2 s, with the round trip in milliseconds; {@code DOWN} otherwise, so that a Redis
 * that accepts connections but no longer delivers is {@code DOWN} too. Details: the broker, the instance id, the
 * channels this instance holds at Redis.
 *
 * @since 0.1.0
 */
public class RunnerBrokerHealthIndicator extends AbstractReactiveHealthIndicator {

	/** How long a probe may take before the broker is {@code DOWN}. */
	public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final RedisRunnerBroker broker;

	/**
	 * Creates the indicator.
	 * @param broker the broker it probes
	 */
	public RunnerBrokerHealthIndicator(RedisRunnerBroker broker) {
		super("Runner broker health check failed");
		this.broker = broker;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		builder.withDetail("broker", "redis")
			.withDetail("instance", this.broker.instanceId())
			.withDetail("channels", this.broker.heldChannels().size());
		return this.broker.probe(PROBE_TIMEOUT)
			.map((roundTrip) -> builder.up().withDetail("probeMillis", roundTrip.toNanos() / 1_000_000.0).build())
			.onErrorResume((ex) -> Mono.just(builder.down()
				.withDetail("reason", "A probe through Redis did not come back within " + PROBE_TIMEOUT.toSeconds()
						+ " s: " + ex)
				.build()));
	}

}
