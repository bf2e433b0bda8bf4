package dev.runner.clienttest;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.runner.fixtureclient.FixtureClient;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.client.ImportRunnerClients;
import dev.runner.spring.client.RunnerClient;
import dev.runner.spring.client.RunnerClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A declared client ({@link FixtureClient}, imported with {@code @ImportRunnerClients} and configured by
 * {@code runner.clients.fixture.*}) calling the starter's own fixture, and a task that calls on through it: the
 * request id follows the chain.
 */
@SpringBootTest(classes = { ClientFixtureApplication.class, DeclaredRunnerClientTests.Relay.class },
		webEnvironment = WebEnvironment.DEFINED_PORT)
class DeclaredRunnerClientTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static int port;

	@Autowired
	private FixtureClient fixture;

	@Autowired
	private ObservationRegistry observations;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void fixtureOnAFreePort(DynamicPropertyRegistry registry) throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		registry.add("server.port", () -> port);
		registry.add("runner.auth.tokens", () -> RunnerClientContract.TOKEN);
		registry.add("runner.clients.fixture.base-url", () -> "http://127.0.0.1:" + port + "/__runner");
		registry.add("runner.clients.fixture.token", () -> RunnerClientContract.TOKEN);
		registry.add("runner.clients.fixture.headers.x-caller", () -> "declared-tests");
		registry.add("management.tracing.sampling.probability", () -> "1.0");
	}

	@Test
	void theTraceGoesOnIntoTheServer() {
		Observation parent = Observation.start("test.parent", this.observations);
		try {
			TracingObservationHandler.TracingContext tracing = parent.getContextView()
				.getRequired(TracingObservationHandler.TracingContext.class);
			String traceId = tracing.getSpan().context().traceId();
			String seen = this.fixture.traceId()
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent))
				.block(WAIT);
			assertThat(traceId).isNotBlank();
			assertThat(seen).isEqualTo(traceId);
		}
		finally {
			parent.stop();
		}
	}

	@Test
	void callsAreTimedByClientIdAndOutcome() {
		this.fixture.add(new ClientFixtureTasks.Numbers(5, 5)).block(WAIT);
		this.fixture.noted(Map.of("n", 9)).block(WAIT);
		assertThatExceptionOfType(RunnerException.class)
			.isThrownBy(() -> this.fixture.conflictNow(new ClientFixtureTasks.Reason("timed")));
		assertThat(timer("runner.client.task", "fixture.add", "SUCCESS", "none").count()).isPositive();
		assertThat(timer("runner.client.event", "fixture.noted", "SUCCESS", "none").count()).isPositive();
		assertThat(timer("runner.client.task", "fixture.conflict", "ERROR", "INTERNAL_ERROR").count()).isPositive();
	}

	@Test
	void answersThatAreNotEnvelopesGetClearErrors() {
		RunnerClient client = RunnerClient.builder().name("odd").baseUrl("http://127.0.0.1:" + port + "/odd").build();
		assertThat(failure(client, "text")).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(RunnerClientException.INVALID_RESPONSE);
			assertThat(ex.getMessage()).startsWith("answered a body that is not runner JSON")
				.endsWith("(INVALID_RESPONSE, HTTP 200): task text at http://127.0.0.1:" + port
						+ "/odd/task/text, client 'odd'");
		});
		assertThat(failure(client, "bad-gateway")).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(RunnerClientException.HTTP_ERROR);
			assertThat(ex.status()).isEqualTo(502);
			assertThat(ex.getMessage()).startsWith("Tunnel HTTP 502: upstream down");
		});
		assertThat(failure(client, "empty").code()).isEqualTo(RunnerClientException.INVALID_RESPONSE);
		assertThat(failure(client, "number").code()).isEqualTo(RunnerClientException.INVALID_RESPONSE);
		assertThat(failure(client, "not-ok")).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(RunnerClientException.UNKNOWN);
			assertThat(ex.getMessage()).startsWith("Tunnel task error");
		});
		RunnerClient small = RunnerClient.builder()
			.name("small")
			.baseUrl("http://127.0.0.1:" + port + "/odd")
			.maxAnswerSize(DataSize.ofBytes(100))
			.build();
		assertThat(failure(small, "big").code()).isEqualTo(RunnerClientException.ANSWER_TOO_LARGE);
		assertThat(small.task("small", null, Integer.class).block(WAIT)).isEqualTo(1);
	}

	private static RunnerClientException failure(RunnerClient client, String id) {
		return catchThrowableOfType(RunnerClientException.class, () -> client.task(id, null, Object.class).block(WAIT));
	}

	private Timer timer(String name, String id, String outcome, String errorCode) {
		return this.meters.get(name)
			.tag("runner.client.name", "fixture")
			.tag("runner.id", id)
			.tag("outcome", outcome)
			.tag("error.code", errorCode)
			.timer();
	}

	@Test
	void everyReturnShapeCalls() {
		ClientFixtureTasks.Numbers one = new ClientFixtureTasks.Numbers(1, 2);
		ClientFixtureTasks.Numbers two = new ClientFixtureTasks.Numbers(3, 4);
		assertThat(this.fixture.add(one).block(WAIT)).isEqualTo(3);
		assertThat(this.fixture.addNow(two)).isEqualTo(7);
		assertThat(this.fixture.each(List.of(one, two)).collectList().block(WAIT)).containsExactly(one, two);
		assertThat(this.fixture.all(List.of(two)).block(WAIT)).containsExactly(two);
		assertThat(this.fixture.download(new ClientFixtureTasks.Size(70_000))
			.map((buffer) -> {
				int count = buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				return count;
			})
			.reduce(0, Integer::sum)
			.block(WAIT)).isEqualTo(70_000);
		assertThat(this.fixture.nothing().blockOptional(WAIT)).isEmpty();
		assertThat(this.fixture.noted(Map.of("n", 1)).blockOptional(WAIT)).isEmpty();
		assertThat(this.fixture.notedAndSeen(Map.of("n", 1)).block(WAIT)).containsEntry("seen", true);
		this.fixture.notedNow(Map.of("n", 3));
		assertThat(this.fixture.addTwice(1, 1).block(WAIT)).isEqualTo(4);
	}

	@Test
	void blockingMethodsThrowTheCallsErrors() {
		assertThatExceptionOfType(RunnerException.class)
			.isThrownBy(() -> this.fixture.conflictNow(new ClientFixtureTasks.Reason("dup")))
			.satisfies((ex) -> assertThat(ex.id()).isEqualTo("fixture.errors.Conflict"));
	}

	@Test
	void aTaskCallingThroughTheClientForwardsItsRequestIdContextAndHeaders() {
		Map<?, ?> seen = WebClient.create("http://127.0.0.1:" + port + "/__runner")
			.post()
			.uri("/task/fixture.relay")
			.header("x-runner-token", RunnerClientContract.TOKEN)
			.header("x-runner-request-id", "outer-7")
			.header("x-runner-context", "{\"app.ctx.tenant\":\"\\\"acme\\\"\"}")
			.bodyValue("{}")
			.retrieve()
			.bodyToMono(Map.class)
			.block(WAIT);
		assertThat(seen).isEqualTo(Map.of("ok", true, "result", Map.of("requestId", "outer-7", "context",
				"{\"app.ctx.tenant\":\"\\\"acme\\\"\"}", "caller", "declared-tests")));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportRunnerClients(FixtureClient.class)
	static class Relay {

		/** Answers that no runner server gives, under {@code /odd/task/<id>}. */
		@Bean
		RouterFunction<ServerResponse> oddAnswers() {
			return RouterFunctions.route()
				.POST("/odd/task/text", (request) -> ServerResponse.ok().bodyValue("hello"))
				.POST("/odd/task/bad-gateway",
						(request) -> ServerResponse.status(502).contentType(MediaType.TEXT_PLAIN).bodyValue("upstream down"))
				.POST("/odd/task/empty", (request) -> ServerResponse.ok().build())
				.POST("/odd/task/number",
						(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("5"))
				.POST("/odd/task/not-ok",
						(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("{\"ok\":false}"))
				.POST("/odd/task/big", (request) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"ok\":true,\"result\":\"" + "x".repeat(200) + "\"}"))
				.POST("/odd/task/small", (request) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"ok\":true,\"result\":1}"))
				.build();
		}

		@Bean
		RelayTask relayTask(FixtureClient fixture, Tracer tracer) {
			return new RelayTask(fixture, tracer);
		}

	}

	/**
	 * Calls on: asks the fixture what request id and async context reached it; tells the trace id of its call.
	 */
	static class RelayTask {

		private final FixtureClient fixture;

		private final Tracer tracer;

		RelayTask(FixtureClient fixture, Tracer tracer) {
			this.fixture = fixture;
			this.tracer = tracer;
		}

		@RunnerTask("fixture.relay")
		Mono<Map<String, Object>> relay() {
			return this.fixture.headers();
		}

		@RunnerTask("fixture.traceId")
		String traceId() {
			Span span = this.tracer.currentSpan();
			return (span != null) ? span.context().traceId() : "no span";
		}

	}

}
