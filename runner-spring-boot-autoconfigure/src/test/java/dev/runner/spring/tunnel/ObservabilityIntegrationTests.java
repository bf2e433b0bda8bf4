package dev.runner.spring.tunnel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observations, metrics, spans and log context of calls over a real server, with Boot's observation, metrics (simple
 * registry), the Micrometer test tracer and Reactor's automatic context propagation.
 */
class ObservabilityIntegrationTests {

	private static final String TOKEN = "tok-obs-7f3a";

	private static final String[] HEADERS = { "x-runner-token", TOKEN, "content-type", "application/json" };

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(Config.class, "runner.auth.tokens=" + TOKEN,
			"spring.reactor.context-propagation=auto");

	private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeAll
	static void captureLogs() {
		logs.start();
		root().addAppender(logs);
	}

	@AfterAll
	static void releaseLogs() {
		root().detachAppender(logs);
		logs.stop();
		// spring.reactor.context-propagation=auto turned it on for the whole JVM
		Hooks.disableAutomaticContextPropagation();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	@BeforeEach
	void clear() {
		server.bean(SimpleTracer.class).getSpans().clear();
		synchronized (logs) {
			logs.list.clear();
		}
	}

	@Test
	void timesTaskRunsWithTags() {
		call("task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}", "rid-add-1");
		call("task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}", "rid-add-2");
		call("task/app.tasks.fail", "{}", "rid-fail-1");
		call("task/app.tasks.typed", "{}", "rid-typed-1");
		call("task/app.tasks.add", "{\"input\":{\"a\":\"x\"}}", "rid-invalid-1");
		MeterRegistry meters = server.bean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(meters.get("runner.task")
				.tags("runner.task.id", "app.tasks.add", "outcome", "SUCCESS", "error.code", "none", "exception", "none")
				.timer()
				.count()).isGreaterThanOrEqualTo(2);
			assertThat(meters.get("runner.task")
				.tags("runner.task.id", "app.tasks.fail", "outcome", "ERROR", "error.code", "INTERNAL_ERROR",
						"exception", "IllegalStateException")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("runner.task")
				.tags("runner.task.id", "app.tasks.typed", "error.code", "INTERNAL_ERROR", "exception",
						"RunnerException")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("runner.task")
				.tags("runner.task.id", "app.tasks.add", "outcome", "ERROR", "error.code", "INVALID_INPUT")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void timesEventEmissions() {
		call("event/app.events.notify", "{\"payload\":{\"x\":1}}", "rid-event-1");
		MeterRegistry meters = server.bean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(meters.get("runner.event")
				.tags("runner.event.id", "app.events.notify", "outcome", "SUCCESS", "error.code", "none")
				.timer()
				.count()).isGreaterThanOrEqualTo(1));
	}

	@Test
	void countsRefusalsByErrorCodeWithoutPathsOrTokens() {
		MeterRegistry meters = server.bean(MeterRegistry.class);
		double unauthorized = count(meters, "runner.requests.refused", "UNAUTHORIZED");
		double authFailures = count(meters, "runner.auth.failures", "UNAUTHORIZED");
		double forbidden = count(meters, "runner.requests.refused", "FORBIDDEN");
		double notFound = count(meters, "runner.requests.refused", "NOT_FOUND");
		double invalidJson = count(meters, "runner.requests.refused", "INVALID_JSON");
		server.request("POST", "/__runner/task/app.tasks.add", "{}", "x-runner-token", "wrong-token-xyz",
				"content-type", "application/json");
		server.request("POST", "/__runner/task/app.tasks.hidden", "{}", HEADERS);
		server.request("POST", "/__runner/task/no.such.task", "{}", HEADERS);
		server.request("POST", "/__runner/nowhere", "{}", HEADERS);
		server.request("POST", "/__runner/task/app.tasks.add", "{not json", HEADERS);
		assertThat(count(meters, "runner.requests.refused", "UNAUTHORIZED")).isEqualTo(unauthorized + 1);
		assertThat(count(meters, "runner.auth.failures", "UNAUTHORIZED")).isEqualTo(authFailures + 1);
		assertThat(count(meters, "runner.requests.refused", "FORBIDDEN")).isEqualTo(forbidden + 2);
		assertThat(count(meters, "runner.requests.refused", "NOT_FOUND")).isEqualTo(notFound + 1);
		assertThat(count(meters, "runner.requests.refused", "INVALID_JSON")).isEqualTo(invalidJson + 1);
		assertThat(meters.find("runner.auth.failures").tag("error.code", "FORBIDDEN").counter()).isNull();
		List<Meter> runnerMeters = meters.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("runner."))
			.toList();
		Set<String> tagKeys = runnerMeters.stream()
			.flatMap((meter) -> meter.getId().getTags().stream())
			.map(Tag::getKey)
			.collect(Collectors.toSet());
		assertThat(tagKeys).isSubsetOf("runner.task.id", "runner.event.id", "outcome", "error.code", "exception",
				"error");
		assertThat(runnerMeters.stream().flatMap((meter) -> meter.getId().getTags().stream()).map(Tag::getValue))
			.noneMatch((value) -> value.contains("/") || value.contains("token") || value.contains(TOKEN));
	}

	@Test
	void tracesEachTaskRunAsChildOfServerSpan() {
		call("task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}", "rid-trace-1");
		SimpleTracer tracer = server.bean(SimpleTracer.class);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(tracer.getSpans()).extracting(SimpleSpan::getName)
				.contains("task app.tasks.add")
				.anyMatch((name) -> name.startsWith("http post")));
		SimpleSpan task = span(tracer, "task app.tasks.add");
		SimpleSpan http = tracer.getSpans()
			.stream()
			.filter((span) -> span.getName().startsWith("http post"))
			.findFirst()
			.orElseThrow();
		assertThat(task.getTraceId()).isEqualTo(http.getTraceId());
		assertThat(task.getParentId()).isEqualTo(http.getSpanId());
		assertThat(task.getTags()).containsEntry("runner.task.id", "app.tasks.add")
			.containsEntry("outcome", "SUCCESS")
			.containsEntry("runner.request.id", "rid-trace-1");
		assertThat(task.getEndTimestamp()).isNotNull();
	}

	@Test
	void tracesFailedEmissionWithError() {
		call("event/obs.events.failing", "{\"payload\":{\"x\":1}}", "rid-trace-2");
		SimpleTracer tracer = server.bean(SimpleTracer.class);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(tracer.getSpans()).extracting(SimpleSpan::getName)
				.contains("event obs.events.failing"));
		SimpleSpan event = span(tracer, "event obs.events.failing");
		assertThat(event.getError()).isInstanceOf(IllegalArgumentException.class);
		assertThat(event.getTags()).containsEntry("outcome", "ERROR").containsEntry("error.code", "INTERNAL_ERROR");
	}

	@Test
	void putsRequestIdInLogContextOfBlockingHandler() {
		call("task/obs.tasks.blocking", "{}", "rid-log-blocking");
		ILoggingEvent line = awaitLine("blocking handler");
		assertThat(line.getThreadName()).startsWith("boundedElastic-");
		assertThat(line.getMDCPropertyMap()).containsEntry(RunnerContext.REQUEST_ID_KEY, "rid-log-blocking");
	}

	@Test
	void putsRequestIdInLogContextOfReactiveHandlerOnEveryThread() {
		call("task/obs.tasks.delayed", "{}", "rid-log-delayed");
		ILoggingEvent assembly = awaitLine("delayed assembly");
		ILoggingEvent resumed = awaitLine("delayed resumed");
		assertThat(assembly.getMDCPropertyMap()).containsEntry(RunnerContext.REQUEST_ID_KEY, "rid-log-delayed");
		assertThat(resumed.getThreadName()).startsWith("parallel-");
		assertThat(resumed.getMDCPropertyMap()).containsEntry(RunnerContext.REQUEST_ID_KEY, "rid-log-delayed");
	}

	@Test
	void putsRequestIdInLogContextOfEventListener() {
		call("event/obs.events.logged", "{\"payload\":1}", "rid-log-event");
		assertThat(awaitLine("listener ran").getMDCPropertyMap()).containsEntry(RunnerContext.REQUEST_ID_KEY,
				"rid-log-event");
	}

	@Test
	void logsOneStructuredLinePerFailedCallWithoutToken() {
		TunnelServer.Reply reply = call("task/obs.tasks.fail", "{}", "rid-log-fail");
		assertThat(reply.status()).isEqualTo(500);
		ILoggingEvent failure = awaitLine("Runner task failed");
		assertThat(failure.getLevel().toString()).isEqualTo("ERROR");
		assertThat(failure.getFormattedMessage()).isEqualTo("Runner task failed: runner.task.id=obs.tasks.fail "
				+ "runner.request.id=rid-log-fail error.code=INTERNAL_ERROR exception=java.lang.IllegalStateException");
		assertThat(failure.getThrowableProxy().getMessage()).isEqualTo("kaput");
		assertThat(failure.getMDCPropertyMap()).containsEntry(RunnerContext.REQUEST_ID_KEY, "rid-log-fail");
		assertThat(awaitLine("about to fail").getMDCPropertyMap()).containsEntry(RunnerContext.REQUEST_ID_KEY,
				"rid-log-fail");
		List<ILoggingEvent> errors = lines().stream()
			.filter((line) -> line.getLevel().toString().equals("ERROR"))
			.filter((line) -> line.getFormattedMessage().contains("rid-log-fail")
					|| "rid-log-fail".equals(line.getMDCPropertyMap().get(RunnerContext.REQUEST_ID_KEY)))
			.toList();
		assertThat(errors).hasSize(1);
		assertThat(lines()).noneMatch((line) -> line.getFormattedMessage().contains(TOKEN));
	}

	@Test
	void logsNothingAtErrorForTypedClientError() {
		call("task/app.tasks.typed", "{}", "rid-log-typed");
		assertThat(lines()).noneMatch((line) -> line.getLevel().toString().equals("ERROR")
				&& line.getFormattedMessage().contains("rid-log-typed"));
	}

	private static TunnelServer.Reply call(String path, String body, String requestId) {
		String[] headers = new String[HEADERS.length + 2];
		System.arraycopy(HEADERS, 0, headers, 0, HEADERS.length);
		headers[HEADERS.length] = "x-runner-request-id";
		headers[HEADERS.length + 1] = requestId;
		TunnelServer.Reply reply = server.request("POST", "/__runner/" + path, body, headers);
		assertThat(reply.header("x-runner-request-id")).isEqualTo(requestId);
		return reply;
	}

	private static double count(MeterRegistry meters, String name, String errorCode) {
		io.micrometer.core.instrument.Counter counter = meters.find(name).tag("error.code", errorCode).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static SimpleSpan span(SimpleTracer tracer, String name) {
		return tracer.getSpans().stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	private static List<ILoggingEvent> lines() {
		synchronized (logs) {
			return List.copyOf(logs.list);
		}
	}

	private static ILoggingEvent awaitLine(String text) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> lines().stream().filter((line) -> line.getFormattedMessage().contains(text)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@Import(ProfileP.class)
	static class Config {

		@Bean
		SimpleTracer simpleTracer() {
			return new SimpleTracer();
		}

		@Bean
		DefaultTracingObservationHandler tracingObservationHandler(SimpleTracer tracer) {
			return new DefaultTracingObservationHandler(tracer);
		}

		@Bean
		LoggingHandlers loggingHandlers() {
			return new LoggingHandlers();
		}

	}

	static class LoggingHandlers {

		private static final Log logger = LogFactory.getLog(LoggingHandlers.class);

		@RunnerTask("obs.tasks.blocking")
		String blocking() {
			logger.info("blocking handler");
			return "b";
		}

		@RunnerTask("obs.tasks.delayed")
		Mono<String> delayed() {
			logger.info("delayed assembly");
			return Mono.just("d")
				.delayElement(Duration.ofMillis(20))
				.doOnNext((value) -> logger.info("delayed resumed"));
		}

		@RunnerTask("obs.tasks.fail")
		void fail() {
			logger.info("about to fail");
			throw new IllegalStateException("kaput");
		}

		@RunnerEvent("obs.events.logged")
		void logged(Object payload) {
			logger.info("listener ran");
		}

		@RunnerEvent("obs.events.failing")
		void failing(Map<String, Object> payload) {
			throw new IllegalArgumentException("listener failed");
		}

	}

}
