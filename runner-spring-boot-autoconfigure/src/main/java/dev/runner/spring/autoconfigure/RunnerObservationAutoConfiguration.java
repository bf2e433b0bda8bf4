package dev.runner.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.observation.RunnerEventObservationConvention;
import dev.runner.spring.observation.RunnerExecutionInstrumentation;
import dev.runner.spring.observation.RunnerExecutionStatistics;
import dev.runner.spring.observation.RunnerRequestMetrics;
import dev.runner.spring.observation.RunnerBrokerMetrics;
import dev.runner.spring.observation.RunnerScheduleMetrics;
import dev.runner.spring.observation.RunnerSocketMetrics;
import dev.runner.spring.observation.RunnerTaskObservationConvention;

/**
 * Auto-configuration that observes every task run and event emission ({@code runner.task} and {@code runner.event}
 * observations with the application's {@link ObservationRegistry}, or none without one), keeps live counts, and counts
 * the requests the doors refuse and the clients that go away when a {@link MeterRegistry} exists.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
public final class RunnerObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunnerExecutionStatistics runnerExecutionStatistics() {
		return new RunnerExecutionStatistics();
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerExecutionInstrumentation runnerExecutionInstrumentation(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<RunnerTaskObservationConvention> taskConvention,
			ObjectProvider<RunnerEventObservationConvention> eventConvention, RunnerExecutionStatistics statistics) {
		return new RunnerExecutionInstrumentation(registry.getIfUnique(() -> ObservationRegistry.NOOP),
				taskConvention.getIfUnique(), eventConvention.getIfUnique(), statistics);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class RequestMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunnerRequestMetrics runnerRequestMetrics(MeterRegistry registry) {
			return new RunnerRequestMetrics(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		RunnerSocketMetrics runnerSocketMetrics(MeterRegistry registry, RunnerProperties properties) {
			return new RunnerSocketMetrics(registry, properties.getSocket().getMetrics().isChannelTags());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnProperty(name = "runner.socket.broker", havingValue = "redis")
		RunnerBrokerMetrics runnerBrokerMetrics(MeterRegistry registry) {
			return new RunnerBrokerMetrics(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		RunnerScheduleMetrics runnerScheduleMetrics(MeterRegistry registry) {
			return new RunnerScheduleMetrics(registry);
		}

	}

}
