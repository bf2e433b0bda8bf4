package dev.runner.spring.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs on Java 21+ only: the build runs it on the Temurin 25 JDK when the machine has one (profile
 * {@code virtual-threads-jdk}).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class))
		.withUserConfiguration(Handlers.class);

	@Test
	void runsBlockingHandlersOnVirtualThreadsWhenEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Runner runner = context.getBean(Runner.class);
			assertThat(runner.runTask("app.blocking", null).block()).isEqualTo(true);
			assertThat(runner.runTask("app.reactive", null).block()).isEqualTo(false);
		});
	}

	@Test
	void runsBlockingHandlersOnPlatformThreadsByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(Runner.class).runTask("app.blocking", null).block())
			.isEqualTo(false));
	}

	private static boolean currentThreadIsVirtual() {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@RunnerTask("app.blocking")
		boolean blocking() {
			return currentThreadIsVirtual();
		}

		@RunnerTask("app.reactive")
		Mono<Boolean> reactive() {
			return Mono.fromSupplier(VirtualThreadsTests::currentThreadIsVirtual);
		}

	}

}
