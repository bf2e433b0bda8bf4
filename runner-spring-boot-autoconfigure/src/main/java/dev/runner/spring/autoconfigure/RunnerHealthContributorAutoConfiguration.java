package dev.runner.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.actuate.RunnerHealthIndicator;
import dev.runner.spring.broker.RedisRunnerBroker;
import dev.runner.spring.broker.RunnerBrokerHealthIndicator;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerExposure;

/**
 * Auto-configuration of the {@code runner} health indicator ({@link RunnerHealthIndicator}), when the tunnel is
 * served and {@code spring-boot-health} is present. {@code management.health.runner.enabled=false} turns it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { RunnerWebFluxAutoConfiguration.class, RunnerSocketAutoConfiguration.class })
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.ReactiveHealthIndicator",
		"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
@ConditionalOnBean({ RunnerAuthenticator.class, RunnerExposure.class })
public final class RunnerHealthContributorAutoConfiguration {

	/**
	 * Read only when {@code spring-boot-health} is present: its condition classes cannot be loaded otherwise.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("runner")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "runnerHealthIndicator")
		RunnerHealthIndicator runnerHealthIndicator(RunnerAuthenticator authenticator, RunnerExposure exposure,
				RunnerProperties properties) {
			return new RunnerHealthIndicator(authenticator, exposure, properties.getBasePath());
		}

	}

	/**
	 * The {@code runnerBroker} component, with the Redis broker.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.ReactiveRedisConnectionFactory")
	@ConditionalOnBean(RedisRunnerBroker.class)
	@ConditionalOnEnabledHealthIndicator("runnerBroker")
	static class BrokerHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "runnerBrokerHealthIndicator")
		RunnerBrokerHealthIndicator runnerBrokerHealthIndicator(RedisRunnerBroker broker) {
			return new RunnerBrokerHealthIndicator(broker);
		}

	}

}
