package dev.runner.spring.actuate;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerExposure;

/**
 * {@link ReactiveHealthIndicator} of the runner tunnel. It is {@code DOWN} when the tunnel serves tasks or events but
 * no caller can pass authentication (no token, no {@code RunnerAuthValidator} bean, anonymous calls not allowed), so
 * that every call answers 500 {@code AUTH_NOT_CONFIGURED}; {@code UP} otherwise. Details: the base path, how callers
 * authenticate ({@code configured}, {@code anonymous}, {@code not configured}), and how many tasks and events are
 * served.
 *
 * @since 0.1.0
 */
public class RunnerHealthIndicator extends AbstractReactiveHealthIndicator {

	private final RunnerAuthenticator authenticator;

	private final RunnerExposure exposure;

	private final String basePath;

	/**
	 * Creates the indicator.
	 * @param authenticator the tunnel's authenticator
	 * @param exposure what the tunnel serves
	 * @param basePath where the tunnel is served
	 */
	public RunnerHealthIndicator(RunnerAuthenticator authenticator, RunnerExposure exposure, String basePath) {
		super("Runner health check failed");
		Assert.notNull(authenticator, "'authenticator' must not be null");
		Assert.notNull(exposure, "'exposure' must not be null");
		this.authenticator = authenticator;
		this.exposure = exposure;
		this.basePath = basePath;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		int tasks = this.exposure.taskIds().size();
		int events = this.exposure.eventIds().size();
		builder.withDetail("basePath", this.basePath);
		if (this.authenticator.isConfigured()) {
			builder.up().withDetail("auth", "configured");
		}
		else if (this.authenticator.isUsable()) {
			builder.up().withDetail("auth", "anonymous");
		}
		else if (tasks + events == 0) {
			builder.up().withDetail("auth", "not configured");
		}
		else {
			builder.down()
				.withDetail("auth", "not configured")
				.withDetail("reason", "Every call answers 500 AUTH_NOT_CONFIGURED: set runner.auth.tokens, "
						+ "declare a RunnerAuthValidator bean, or set runner.auth.allow-anonymous=true");
		}
		return Mono.just(builder.withDetail("exposedTasks", tasks).withDetail("exposedEvents", events).build());
	}

}
