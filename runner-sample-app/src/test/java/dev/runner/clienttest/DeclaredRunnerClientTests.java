package dev.runner.clienttest;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import dev.runner.fixtureclient.FixtureClient;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.client.ImportRunnerClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

		@Bean
		RelayTask relayTask(FixtureClient fixture) {
			return new RelayTask(fixture);
		}

	}

	/**
	 * Calls on: asks the fixture what request id and async context reached it.
	 */
	static class RelayTask {

		private final FixtureClient fixture;

		RelayTask(FixtureClient fixture) {
			this.fixture = fixture;
		}

		@RunnerTask("fixture.relay")
		Mono<Map<String, Object>> relay() {
			return this.fixture.headers();
		}

	}

}
