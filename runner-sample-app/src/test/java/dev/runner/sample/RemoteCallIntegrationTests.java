package dev.runner.sample;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample calling its own {@code notes.count} through its declared Java client ({@link NotesClient},
 * {@code runner.clients.self.*} of {@code application.properties}), as the README shows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class RemoteCallIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static int port;

	@Autowired
	private NotesClient notes;

	@DynamicPropertySource
	static void onAFreePort(DynamicPropertyRegistry registry) throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		registry.add("server.port", () -> port);
		registry.add("runner.auth.tokens", () -> "remote-token");
		registry.add("runner.clients.self.token", () -> "remote-token");
	}

	@Test
	void countsThroughTheDeclaredClient() {
		// curl -s http://localhost:8080/__runner/task/notes.countRemotely -H 'x-runner-token: dev-token' \
		// -H 'x-runner-request-id: readme-1' -d '{}'
		long before = this.notes.count().block(WAIT);
		Map<?, ?> answer = WebClient.create("http://127.0.0.1:" + port + "/__runner")
			.post()
			.uri("/task/notes.countRemotely")
			.header("x-runner-token", "remote-token")
			.header("x-runner-request-id", "readme-1")
			.bodyValue("{}")
			.retrieve()
			.bodyToMono(Map.class)
			.block(WAIT);
		assertThat(answer).isEqualTo(Map.of("ok", true, "result", Map.of("count", (int) before, "requestId", "readme-1")));
	}

}
