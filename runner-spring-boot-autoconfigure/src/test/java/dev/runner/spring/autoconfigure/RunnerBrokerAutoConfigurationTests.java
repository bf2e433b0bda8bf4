package dev.runner.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.runner.spring.broker.RedisRunnerBroker;
import dev.runner.spring.socket.LocalRunnerChannels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner.socket.broker} (docs/socket.md §7.1): off by default, and a start-up failure that names the missing
 * dependency when it asks for Redis without Spring Data Redis reactive. The broker at work is in
 * {@code RedisBrokerIntegrationTests}, on a real Redis.
 */
class RunnerBrokerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				RunnerSocketAutoConfiguration.class))
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class)
		.withPropertyValues("runner.auth.tokens=secret");

	@Test
	void hasNoBrokerByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(LocalRunnerChannels.class)
			.doesNotHaveBean(RedisRunnerBroker.class));
	}

	@Test
	void failsTheStartUpNamingTheDependencyWhenRedisIsAskedForWithoutIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("runner.socket.broker=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("runner.socket.broker=redis")
				.hasMessageContaining("spring-boot-starter-data-redis-reactive"));
	}

}
