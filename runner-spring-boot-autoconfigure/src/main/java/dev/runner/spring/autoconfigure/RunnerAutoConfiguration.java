package dev.runner.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.validation.beanvalidation.MethodValidationAdapter;

import dev.runner.spring.Runner;
import dev.runner.spring.core.DefaultRunner;
import dev.runner.spring.core.HandlerAuthorization;
import dev.runner.spring.core.InputValidation;
import dev.runner.spring.core.RunnerEmissionListener;
import dev.runner.spring.core.RunnerEventEmitter;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerExecutionObserver;
import dev.runner.spring.core.RunnerMethodProcessor;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.TaskSettings;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.serializer.RunnerTypeCodec;

/**
 * Auto-configuration of the runner core: the serializer, the registry of tasks and events, and the processor that
 * finds {@code @RunnerTask} and {@code @RunnerEvent} handlers. Independent of HTTP; the tunnel is configured by
 * {@link RunnerWebFluxAutoConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration" })
@EnableConfigurationProperties(RunnerProperties.class)
public final class RunnerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunnerSerializer runnerSerializer(ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<RunnerTypeCodec<?>> codecs) {
		return new RunnerSerializer(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
				codecs.orderedStream().toList());
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
	RunnerDetachedListenersLifecycle runnerDetachedListenersLifecycle(RunnerEventEmitter emitter) {
		return new RunnerDetachedListenersLifecycle(emitter);
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerExecution runnerExecution(RunnerEventEmitter emitter, ObjectProvider<RunnerExecutionObserver> observers,
			ObjectProvider<RunnerEmissionListener> emissionListeners) {
		RunnerExecution execution = new RunnerExecution(emitter,
				RunnerExecutionObserver.of(observers.orderedStream().toList()));
		execution.setEmissionListener(emissionListeners.getIfUnique());
		return execution;
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerMethodProcessor runnerMethodProcessor(ConfigurableListableBeanFactory beanFactory, RunnerRegistry registry,
			RunnerSerializer serializer, ObjectProvider<InputValidation> validation,
			ObjectProvider<HandlerAuthorization> authorization, Environment environment, RunnerProperties properties) {
		Map<String, TaskSettings> settings = new LinkedHashMap<>();
		properties.getTasks()
			.forEach((id, task) -> settings.put(id, new TaskSettings(task.getTimeout(), task.getMaxConcurrency())));
		RunnerMethodProcessor processor = new RunnerMethodProcessor(beanFactory, registry, serializer,
				validation.getIfUnique(), blockingScheduler(environment), settings);
		processor.setAuthorization(authorization.getIfUnique());
		return processor;
	}

	@Bean
	@ConditionalOnMissingBean
	Runner runner(RunnerRegistry registry, RunnerExecution execution, RunnerSerializer serializer) {
		return new DefaultRunner(registry, execution, serializer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	static class BeanValidationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnSingleCandidate(jakarta.validation.Validator.class)
		InputValidation runnerInputValidation(jakarta.validation.Validator validator) {
			return new InputValidation(new MethodValidationAdapter(validator));
		}

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
