package dev.runner.spring.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerDelayedRun;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelayedRunTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void runsThroughThePipelineOnceTheDelayIsOver() {
		this.contextRunner.run((context) -> {
			Instant before = Instant.now();
			RunnerDelayedRun run = context.getBean(Runner.class).runTaskLater("later.record", "a", Duration.ofMillis(200));
			assertThat(run.taskId()).isEqualTo("later.record");
			assertThat(run.dueAt()).isAfterOrEqualTo(before.plusMillis(200));
			assertThat(context.getBean(Calls.class).inputs).isEmpty();
			assertThat(run.result().block(Duration.ofSeconds(5))).isEqualTo("recorded a");
			assertThat(context.getBean(Calls.class).at.get(0)).isAfterOrEqualTo(run.dueAt().minusMillis(5));
			assertThat(run.cancel()).as("over already").isFalse();
			assertThat(run.result().block(Duration.ofSeconds(1))).as("the same outcome again").isEqualTo("recorded a");
		});
	}

	@Test
	void cancelledBeforeItStartsItNeverRuns() throws InterruptedException {
		this.contextRunner.run((context) -> {
			RunnerDelayedRun run = context.getBean(Runner.class).runTaskLater("later.record", "b", Duration.ofMillis(300));
			assertThat(run.cancel()).isTrue();
			assertThat(run.cancel()).isFalse();
			assertThatExceptionOfType(CancellationException.class)
				.isThrownBy(() -> run.result().block(Duration.ofSeconds(1)));
			Thread.sleep(500);
			assertThat(context.getBean(Calls.class).inputs).isEmpty();
		});
	}

	@Test
	void failuresArriveAsTheTaskThrewThem() {
		Logger failures = (Logger) LoggerFactory.getLogger(RunnerExecution.class);
		Level level = failures.getLevel();
		failures.setLevel(Level.OFF); // the failure line this test provokes
		try {
			this.contextRunner.run((context) -> {
				RunnerDelayedRun run = context.getBean(Runner.class).runTaskLater("later.fail", null, Duration.ZERO);
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> run.result().block(Duration.ofSeconds(5)))
					.withMessage("failed later");
			});
		}
		finally {
			failures.setLevel(level);
		}
	}

	@Test
	void unknownIdsAndNegativeDelaysAreRefusedAtOnce() {
		this.contextRunner.run((context) -> {
			Runner runner = context.getBean(Runner.class);
			assertThatIllegalArgumentException().isThrownBy(() -> runner.runTaskLater("nope", null, Duration.ZERO))
				.withMessage("No runner task has the id 'nope'");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> runner.runTaskLater("later.record", null, Duration.ofMillis(-1)));
		});
	}

	@Test
	void closingTheContextCancelsWhatHasNotStarted() throws InterruptedException {
		List<RunnerDelayedRun> runs = new CopyOnWriteArrayList<>();
		List<String> inputs = new CopyOnWriteArrayList<>();
		this.contextRunner.run((context) -> {
			runs.add(context.getBean(Runner.class).runTaskLater("later.record", "c", Duration.ofMillis(500)));
			context.getBean(Calls.class).sink = inputs;
		});
		assertThatExceptionOfType(CancellationException.class)
			.isThrownBy(() -> runs.get(0).result().block(Duration.ofSeconds(1)))
			.withMessageContaining("the application context closed");
		Thread.sleep(700);
		assertThat(inputs).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		Calls calls() {
			return new Calls();
		}

	}

	static class Calls {

		final List<String> inputs = new CopyOnWriteArrayList<>();

		final List<Instant> at = new CopyOnWriteArrayList<>();

		volatile List<String> sink = this.inputs;

		@RunnerTask("later.record")
		String record(String input) {
			this.at.add(Instant.now());
			this.inputs.add(input);
			this.sink.add(input);
			return "recorded " + input;
		}

		@RunnerTask("later.fail")
		String fail() {
			throw new IllegalStateException("failed later");
		}

	}

}
