package dev.runner.spring.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerGuard;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DefaultRunnerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, ValidationAutoConfiguration.class))
		.withUserConfiguration(Handlers.class);

	@Test
	void runsTasksWithJavaInputsIncludingHiddenOnes() {
		this.contextRunner.run((context) -> {
			Runner runner = context.getBean(Runner.class);
			assertThat(runner.runTask("app.add", new AddInput(2, 3)).block()).isEqualTo(5);
			assertThat(runner.runTask("app.add", Map.of("a", 1, "b", 1), Integer.class).block()).isEqualTo(2);
			assertThat(runner.runTask("app.hidden", null).block()).isEqualTo("in-process only");
			assertThat(runner.runTask("app.void", null).blockOptional()).isEmpty();
			assertThat(runner.runTask("app.when", null, Instant.class).block()).isEqualTo(Instant.EPOCH);
		});
	}

	@Test
	void seesInProcessAuthenticationAndAppliesGuards() {
		this.contextRunner.run((context) -> {
			Runner runner = context.getBean(Runner.class);
			assertThat(runner.runTask("app.who", null).block()).isEqualTo("IN_PROCESS");
			assertThatExceptionOfType(RunnerRejectedException.class)
				.isThrownBy(() -> runner.runTask("app.guarded", null).block())
				.withMessage("Task app.guarded refused by denyAll");
		});
	}

	@Test
	void reportsErrorsAsTheHandlerThrewThem() {
		this.contextRunner.run((context) -> {
			Runner runner = context.getBean(Runner.class);
			assertThatExceptionOfType(RunnerException.class).isThrownBy(() -> runner.runTask("app.typed", null).block())
				.satisfies((ex) -> assertThat(ex.id()).isEqualTo("app.errors.X"));
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> runner.runTask("app.add", new AddInput(-1, 0)).block())
				.satisfies((ex) -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::path)
					.containsExactly("a"));
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> runner.runTask("app.nope", null).block())
				.withMessage("No runner task has the id 'app.nope'");
		});
	}

	@Test
	void emitsEventsWithAndWithoutResult() {
		this.contextRunner.run((context) -> {
			Runner runner = context.getBean(Runner.class);
			Handlers handlers = context.getBean(Handlers.class);
			runner.emit("app.events.seen", Map.of("n", 1)).block();
			assertThat(handlers.seen).hasSize(1);
			assertThat(runner.emitWithResult("app.events.seen", Map.of("n", 2)).block())
				.isEqualTo(Map.of("n", 2, "seen", true));
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> runner.emit("app.events.nope", null).block());
		});
	}

	record AddInput(@Min(0) int a, int b) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		RunnerGuard denyAll() {
			return (taskId, input, context) -> Mono.just(false);
		}

		@RunnerTask("app.add")
		int add(@Valid AddInput input) {
			return input.a() + input.b();
		}

		@RunnerTask(value = "app.hidden", exposed = false)
		String hidden() {
			return "in-process only";
		}

		@RunnerTask("app.void")
		void nothing() {
		}

		@RunnerTask("app.when")
		Instant when() {
			return Instant.EPOCH;
		}

		@RunnerTask("app.who")
		String who(RunnerContext context) {
			return (context.authentication() == RunnerAuthentication.IN_PROCESS) ? "IN_PROCESS" : "other";
		}

		@RunnerTask(value = "app.guarded", guards = RunnerGuard.class)
		String guarded() {
			return "never";
		}

		@RunnerTask("app.typed")
		void typed() {
			throw new RunnerException("app.errors.X", "x");
		}

		@RunnerEvent("app.events.seen")
		Map<String, Object> see(Map<String, Object> payload) {
			this.seen.add(payload);
			Map<String, Object> copy = new LinkedHashMap<>(payload);
			copy.put("seen", true);
			return copy;
		}

	}

}
