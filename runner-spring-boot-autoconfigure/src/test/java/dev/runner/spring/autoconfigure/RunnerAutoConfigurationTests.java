package dev.runner.spring.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.RunnerAuthValidator;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerGuard;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.core.InputValidation;
import dev.runner.spring.core.RunnerHandlerConfigurationException;
import dev.runner.spring.core.RunnerMethodProcessor;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.TaskPolicy;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.web.RunnerHandlerMapping;
import dev.runner.spring.web.RunnerTunnelHandler;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.web.TunnelCors;
import dev.runner.spring.web.TunnelDirectRoute;
import dev.runner.spring.core.RunnerExposure;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class));

	@Test
	void servesTunnelWithDefaults() {
		this.contextRunner.withUserConfiguration(MathTasks.class).run((context) -> {
			assertThat(context).hasSingleBean(RunnerSerializer.class)
				.hasSingleBean(RunnerRegistry.class)
				.hasSingleBean(RunnerMethodProcessor.class)
				.hasSingleBean(RunnerTunnelHandler.class)
				.hasSingleBean(RunnerHandlerMapping.class);
			RunnerProperties properties = context.getBean(RunnerProperties.class);
			assertThat(properties.getBasePath()).isEqualTo("/__runner");
			assertThat(properties.getAuth().getHeader()).isEqualTo("x-runner-token");
			assertThat(properties.getCors().getAllowedMethods()).containsExactly("POST", "OPTIONS");
			assertThat(properties.getLimits().getJson().getMaxSize().toBytes()).isEqualTo(2 * 1024 * 1024);
			assertThat(context.getBean(RunnerRegistry.class).task("app.tasks.add")).isNotNull();
			assertThat(context.getBean(RunnerAuthenticator.class).isUsable()).isFalse();
		});
	}

	@Test
	void bindsProperties() {
		this.contextRunner.withUserConfiguration(MathTasks.class)
			.withPropertyValues("runner.base-path=api/", "runner.auth.tokens=a,b", "runner.cors.max-age=600",
					"runner.exposure.tasks=app.*.add", "runner.limits.json.max-size=10B")
			.run((context) -> {
				RunnerProperties properties = context.getBean(RunnerProperties.class);
				assertThat(properties.getAuth().getTokens()).containsExactly("a", "b");
				assertThat(properties.getCors().getMaxAge()).hasSeconds(600);
				assertThat(properties.getLimits().getJson().getMaxSize().toBytes()).isEqualTo(10);
				assertThat(context.getBean(RunnerAuthenticator.class).isConfigured()).isTrue();
				assertThat(context.getBean(RunnerExposure.class).taskIds()).containsExactly("app.tasks.add");
			});
	}

	@Test
	void backsOffWhenUserDefinesBeans() {
		RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());
		TunnelCors cors = new TunnelCors(new RunnerProperties.Cors().toCorsConfiguration());
		this.contextRunner.withBean(RunnerSerializer.class, () -> serializer)
			.withBean(TunnelCors.class, () -> cors)
			.run((context) -> {
				assertThat(context.getBean(RunnerSerializer.class)).isSameAs(serializer);
				assertThat(context.getBean(TunnelCors.class)).isSameAs(cors);
				assertThat(context).hasSingleBean(RunnerHandlerMapping.class);
			});
	}

	@Test
	void servesNoTunnelWhenDisabled() {
		this.contextRunner.withUserConfiguration(MathTasks.class)
			.withPropertyValues("runner.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RunnerHandlerMapping.class)
					.doesNotHaveBean(RunnerTunnelHandler.class);
				assertThat(context.getBean(RunnerRegistry.class).task("app.tasks.add")).isNotNull();
			});
	}

	@Test
	void servesNoTunnelOutsideReactiveWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class,
				RunnerWebFluxAutoConfiguration.class))
			.withUserConfiguration(MathTasks.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RunnerRegistry.class).doesNotHaveBean(RunnerHandlerMapping.class);
			});
	}

	@Test
	void validatesInputsWhenBeanValidationIsPresent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(InputValidation.class));
	}

	@Test
	void servesWithoutValidationWhenBeanValidationIsMissing() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.withUserConfiguration(MathTasks.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(InputValidation.class);
				assertThat(context.getBean(RunnerRegistry.class).task("app.tasks.add")).isNotNull();
			});
	}

	@Test
	void leavesTheDirectRouteOffByDefault() {
		this.contextRunner.withUserConfiguration(MathTasks.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TunnelDirectRoute.class));
	}

	@Test
	void refusesTheDirectRouteWithoutReactorNettysServer() {
		this.contextRunner.withUserConfiguration(MathTasks.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.reactor.netty"))
			.withPropertyValues("runner.direct-route.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("runner.direct-route.enabled=true needs Reactor Netty's server"));
	}

	@Test
	void countsValidatorBeanAsConfiguredAuth() {
		this.contextRunner.withBean("tenantValidator", RunnerAuthValidator.class, () -> (request) -> Mono.just(true))
			.run((context) -> assertThat(context.getBean(RunnerAuthenticator.class).isConfigured()).isTrue());
	}

	@Test
	void refusesEmptyToken() {
		this.contextRunner.withPropertyValues("runner.auth.tokens[0]=good", "runner.auth.tokens[1]=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'runner.auth.tokens' must not contain an empty token"));
	}

	@Test
	void failsStartupOnDuplicateTaskIdNamingBothMethods() {
		this.contextRunner.withUserConfiguration(MathTasks.class, DuplicateTasks.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(RunnerHandlerConfigurationException.class)
				.hasMessageContaining("Task id 'app.tasks.add' is claimed by both")
				.hasMessageContaining("MathTasks#add(AddInput)")
				.hasMessageContaining("DuplicateTasks#addAgain(AddInput)"));
	}

	@Test
	void failsStartupOnEverySignatureMistakeAtOnce() {
		this.contextRunner.withUserConfiguration(BrokenHandlers.class).run((context) -> {
			assertThat(context).hasFailed();
			RunnerHandlerConfigurationException failure = (RunnerHandlerConfigurationException) context
				.getStartupFailure();
			assertThat(failure.problems()).hasSize(5);
			assertThat(failure.getMessage())
				.contains("BrokenHandlers#twoInputs(String, String) has two input parameters ('a' and 'b')")
				.contains("BrokenHandlers#reactiveInput(Flux) declares parameter 'values' of reactive type Flux")
				.contains("BrokenHandlers#trailingSlash() has an empty '/' segment")
				.contains("Listeners of event 'app.events.mixed' disagree on parallel")
				.contains("BrokenHandlers#shared() is static: make it an instance method of the bean");
		});
	}

	@Test
	void failsStartupOnMisconfiguredLimitsAndGuards() {
		this.contextRunner.withUserConfiguration(BadLimits.class)
			.withPropertyValues("runner.tasks[app.tasks.typo].timeout=1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("BadLimits#guarded() names guard RunnerGuard, of which there are 0 beans")
				.hasMessageContaining("BadLimits#badTimeout() has timeout 'soon', which is not a duration")
				.hasMessageContaining("runner.tasks[app.tasks.typo] names no task"));
	}

	@Test
	void bindsTaskLimitsFromProperties() {
		this.contextRunner.withUserConfiguration(MathTasks.class)
			.withPropertyValues("runner.tasks[app.tasks.add].timeout=2s",
					"runner.tasks[app.tasks.add].max-concurrency=3")
			.run((context) -> {
				TaskPolicy policy = context.getBean(RunnerRegistry.class).task("app.tasks.add").policy();
				assertThat(policy.timeout()).hasSeconds(2);
				assertThat(policy.maxConcurrency()).isEqualTo(3);
			});
	}

	@Test
	void failsStartupOnClassAnnotationWithoutFunctionalInterface() {
		this.contextRunner.withBean("notFunctional", NotFunctional.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("Bean 'notFunctional'")
				.hasMessageContaining("implements none of Function, Supplier or Consumer"));
	}

	record AddInput(int a, int b) {
	}

	@Configuration(proxyBeanMethods = false)
	static class MathTasks {

		@RunnerTask("app.tasks.add")
		int add(AddInput input) {
			return input.a() + input.b();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateTasks {

		@RunnerTask("app.tasks.add")
		int addAgain(AddInput input) {
			return 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenHandlers {

		@RunnerTask("app.tasks.two")
		String twoInputs(String a, String b) {
			return a + b;
		}

		@RunnerTask("app.tasks.reactive")
		void reactiveInput(Flux<String> values) {
		}

		@RunnerTask("app.tasks.trailing/")
		void trailingSlash() {
		}

		@RunnerTask("app.tasks.static")
		static void shared() {
		}

		@RunnerEvent(value = "app.events.mixed", parallel = true)
		void parallelListener(Map<String, Object> payload) {
		}

		@RunnerEvent("app.events.mixed")
		void sequentialListener(Map<String, Object> payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadLimits {

		@RunnerTask(value = "app.tasks.guarded", guards = RunnerGuard.class)
		void guarded() {
		}

		@RunnerTask(value = "app.tasks.badTimeout", timeout = "soon")
		void badTimeout() {
		}

	}

	@RunnerTask("app.tasks.notFunctional")
	static class NotFunctional {

	}

}
