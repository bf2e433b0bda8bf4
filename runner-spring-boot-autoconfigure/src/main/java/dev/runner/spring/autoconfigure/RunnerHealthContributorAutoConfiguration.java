package dev.runner.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.runner.spring.actuate.RunnerHealthIndicator;
import dev.runner.spring.web.TunnelAuthenticator;
import dev.runner.spring.web.TunnelExposure;
import dev.runner.spring.web.TunnelRouter;

/**
 * Auto-configuration of the {@code runner} health indicator ({@link RunnerHealthIndicator}), when the tunnel is
 * served. {@code management.health.runner.enabled=false} turns it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = RunnerWebFluxAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ TunnelAuthenticator.class, TunnelExposure.class })
@ConditionalOnEnabledHealthIndicator("runner")
public final class RunnerHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "runnerHealthIndicator")
	RunnerHealthIndicator runnerHealthIndicator(TunnelAuthenticator authenticator, TunnelExposure exposure,
			RunnerProperties properties) {
		return new RunnerHealthIndicator(authenticator, exposure,
				TunnelRouter.normalizeBasePath(properties.getBasePath()));
	}

}
