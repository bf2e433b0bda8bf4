package dev.runner.spring.autoconfigure;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import dev.runner.spring.core.RunnerEventEmitter;
import dev.runner.spring.core.RunnerMethodProcessor;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Auto-configuration of the runner core: the serializer, the registry of tasks and events, and the processor that
 * finds {@code @RunnerTask} and {@code @RunnerEvent} handlers. Independent of HTTP; the tunnel is configured by
 * {@link RunnerWebFluxAutoConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(RunnerProperties.class)
public final class RunnerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunnerSerializer runnerSerializer(ObjectProvider<JsonMapper> jsonMapper) {
		return new RunnerSerializer(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerRegistry runnerRegistry(RunnerProperties properties) {
		return new RunnerRegistry(properties.getEvents().getDeclared());
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerEventEmitter runnerEventEmitter() {
		return new RunnerEventEmitter();
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerMethodProcessor runnerMethodProcessor(ConfigurableListableBeanFactory beanFactory, RunnerRegistry registry,
			RunnerSerializer serializer, Environment environment) {
		return new RunnerMethodProcessor(beanFactory, registry, serializer, blockingScheduler(environment));
	}

	/**
	 * Where handlers that do not return a reactive type run: virtual threads when
	 * {@code spring.threads.virtual.enabled=true} on Java 21+, else Reactor's bounded elastic scheduler.
	 */
	private static Scheduler blockingScheduler(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return Schedulers.fromExecutor(new VirtualThreadTaskExecutor("runner-"));
		}
		return Schedulers.boundedElastic();
	}

}
