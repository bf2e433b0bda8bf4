package dev.runner.spring.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerGuard;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules on a real server: a schedule from properties with an input runs through the pipeline (its guard sees it,
 * its context says {@code SCHEDULE}, it is observed with {@code runner.transport=schedule}), a failing run is logged,
 * counted and the schedule goes on, {@code @RunnerTask(cron)} runs, a property overrides the annotation's cron, an
 * occurrence that comes while the previous run is going is skipped, and the actuator endpoint lists the schedules.
 */
class ScheduleIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(Config.class, "runner.auth.tokens=secret",
			"management.endpoints.web.exposure.include=runner",
			"runner.schedules[sched.greet].cron=* * * * * *", "runner.schedules[sched.greet].zone=UTC",
			"runner.schedules[sched.greet].input={\"name\":\"ada\",\"times\":2}",
			"runner.schedules[sched.overridden].cron=* * * * * *",
			"logging.level.dev.runner.spring.schedule=DEBUG")
		.silencingExpectedFailures();

	private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeAll
	static void captureLogs() {
		logs.start();
		Logger logger = (Logger) LoggerFactory.getLogger(ScheduledTask.class);
		logger.addAppender(logs);
		logger.setAdditive(false);
	}

	@AfterAll
	static void releaseLogs() {
		Logger logger = (Logger) LoggerFactory.getLogger(ScheduledTask.class);
		logger.detachAppender(logs);
		logger.setAdditive(true);
		logs.stop();
	}

	@Test
	void runsAPropertyScheduleWithItsInputThroughThePipeline() {
		Recorder recorder = server.bean(Recorder.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> recorder.greetings.size() >= 2);
		Run first = recorder.greetings.get(0);
		Run second = recorder.greetings.get(1);
		assertThat(first.input()).isEqualTo(new Greeting("ada", 2));
		assertThat(first.kind()).isEqualTo(RunnerAuthentication.Kind.SCHEDULE);
		assertThat(first.requestId()).matches(TunnelServer.UUID_V4).isNotEqualTo(second.requestId());
		assertThat(recorder.guarded).as("the guard saw each run with its context")
			.contains("sched.greet SCHEDULE " + first.requestId(), "sched.greet SCHEDULE " + second.requestId());
		MeterRegistry meters = server.bean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(meters.get("runner.task")
				.tags("runner.task.id", "sched.greet", "runner.transport", "schedule", "outcome", "SUCCESS")
				.timer()
				.count()).isGreaterThanOrEqualTo(2));
	}

	@Test
	void countsAndLogsAFailingRunAndGoesOn() {
		MeterRegistry meters = server.bean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(meters.get("runner.schedule.failures")
				.tags("runner.task.id", "sched.fail", "error.code", "INTERNAL_ERROR")
				.counter()
				.count()).isGreaterThanOrEqualTo(2));
		assertThat(server.bean(Recorder.class).failures.get()).isGreaterThanOrEqualTo(2);
		assertThat(meters.get("runner.task")
			.tags("runner.task.id", "sched.fail", "runner.transport", "schedule", "outcome", "ERROR")
			.timer()
			.count()).isGreaterThanOrEqualTo(2);
		synchronized (logs) {
			assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.WARN)
				.extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((message) -> assertThat(message).startsWith("Scheduled run of task sched.fail failed:")
					.contains("error.code=INTERNAL_ERROR", "java.lang.IllegalStateException: out of paper",
							"the schedule goes on"));
		}
	}

	@Test
	void runsTheAnnotationsCronInItsZone() {
		Recorder recorder = server.bean(Recorder.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> recorder.annotated.get() >= 2);
	}

	@Test
	void aPropertyOverridesTheAnnotationsCron() {
		Recorder recorder = server.bean(Recorder.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> recorder.overridden.get() >= 2);
	}

	@Test
	void skipsAnOccurrenceWhileThePreviousRunIsGoing() {
		Recorder recorder = server.bean(Recorder.class);
		MeterRegistry meters = server.bean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(meters.get("runner.schedule.skipped")
				.tag("runner.task.id", "sched.slow")
				.counter()
				.count()).isGreaterThanOrEqualTo(1));
		assertThat(recorder.slowStarted.get()).isGreaterThanOrEqualTo(1);
		assertThat(recorder.slowMostAtOnce.get()).isEqualTo(1);
		synchronized (logs) {
			assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.DEBUG)
				.extracting(ILoggingEvent::getFormattedMessage)
				.contains("Skipped an occurrence of the schedule of task sched.slow: its previous run is still going");
		}
	}

	@Test
	void listsTheSchedulesOnTheActuatorEndpoint() {
		await().atMost(Duration.ofSeconds(10)).until(() -> server.bean(Recorder.class).greetings.size() >= 1);
		JsonNode runner = JSON.readTree(server.request("GET", "/actuator/runner", null).text());
		JsonNode schedules = runner.get("schedules");
		assertThat(schedules).extracting((schedule) -> schedule.get("taskId").asString())
			.containsExactly("sched.annotated", "sched.fail", "sched.greet", "sched.overridden", "sched.slow");
		JsonNode greet = schedules.get(2);
		assertThat(greet.get("cron").asString()).isEqualTo("* * * * * *");
		assertThat(greet.get("zone").asString()).isEqualTo("UTC");
		assertThat(Instant.parse(greet.get("nextRun").asString())).isAfter(Instant.now().minusSeconds(1))
			.isBefore(Instant.now().plusSeconds(2));
		assertThat(greet.get("runs").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(greet.get("failures").asLong()).isZero();
		JsonNode annotated = schedules.get(0);
		assertThat(annotated.get("cron").asString()).isEqualTo("*/1 * * * * *");
		assertThat(annotated.get("zone").asString()).isEqualTo("Europe/Paris");
		assertThat(schedules.get(3).get("cron").asString()).as("the property's cron").isEqualTo("* * * * * *");
	}

	record Greeting(String name, int times) {
	}

	record Run(Object input, RunnerAuthentication.Kind kind, String requestId) {
	}

	static class Recorder {

		final List<Run> greetings = new CopyOnWriteArrayList<>();

		final List<String> guarded = new CopyOnWriteArrayList<>();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger annotated = new AtomicInteger();

		final AtomicInteger overridden = new AtomicInteger();

		final AtomicInteger slowStarted = new AtomicInteger();

		final AtomicInteger slowRunning = new AtomicInteger();

		final AtomicInteger slowMostAtOnce = new AtomicInteger();

	}

	static class RecordingGuard implements RunnerGuard {

		private final Recorder recorder;

		RecordingGuard(Recorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public Mono<Boolean> check(String taskId, Object input, RunnerContext context) {
			this.recorder.guarded
				.add(taskId + " " + context.authentication().kind() + " " + context.requestId());
			return Mono.just(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		RecordingGuard recordingGuard(Recorder recorder) {
			return new RecordingGuard(recorder);
		}

		@Bean
		Tasks tasks(Recorder recorder) {
			return new Tasks(recorder);
		}

	}

	static class Tasks {

		private final Recorder recorder;

		Tasks(Recorder recorder) {
			this.recorder = recorder;
		}

		@RunnerTask(value = "sched.greet", guards = RecordingGuard.class)
		String greet(Greeting greeting, RunnerContext context) {
			this.recorder.greetings.add(new Run(greeting, context.authentication().kind(), context.requestId()));
			return greeting.name().repeat(greeting.times());
		}

		@RunnerTask(value = "sched.fail", cron = "* * * * * *")
		void fail() {
			this.recorder.failures.incrementAndGet();
			throw new IllegalStateException("out of paper");
		}

		@RunnerTask(value = "sched.annotated", cron = "*/1 * * * * *", zone = "Europe/Paris")
		void annotated() {
			this.recorder.annotated.incrementAndGet();
		}

		@RunnerTask(value = "sched.overridden", cron = "0 0 0 1 1 *")
		void overridden() {
			this.recorder.overridden.incrementAndGet();
		}

		@RunnerTask(value = "sched.slow", cron = "* * * * * *")
		Mono<Void> slow() {
			this.recorder.slowStarted.incrementAndGet();
			int running = this.recorder.slowRunning.incrementAndGet();
			this.recorder.slowMostAtOnce.accumulateAndGet(running, Math::max);
			return Mono.delay(Duration.ofMillis(2500))
				.doFinally((signal) -> this.recorder.slowRunning.decrementAndGet())
				.then();
		}

	}

}
