package dev.runner.spring.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness and limits of docs/socket.md §1, §4 and §5 with short timeouts: the auth timeout, heartbeats, the
 * connection limit, and a slow consumer under the {@code close} policy, none of which disturbs the other sockets.
 */
class SocketLimitsIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS,
			"runner.socket.auth-timeout=300ms", "runner.socket.ping-interval=200ms", "runner.socket.pong-timeout=300ms",
			"runner.socket.max-connections=20", "runner.socket.outbound-queue=100",
			"runner.socket.client-publish=**")
		.silencingExpectedFailures();

	@Test
	void closesAnUnauthenticatedSocketAfterTheAuthTimeout() {
		try (SocketClient client = SocketClient.to(server.port()).connect()) {
			WebSocketCloseStatus status = client.awaitClose(Duration.ofSeconds(5));
			assertThat(status.code()).isEqualTo(4401);
		}
	}

	@Test
	void pingsAndKeepsAClientThatAnswers() throws InterruptedException {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			Thread.sleep(1000);
			assertThat(client.isClosed()).isFalse();
			client.send("{\"type\":\"ping\"}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void closesAClientThatStopsAnsweringPingsWith4408() throws InterruptedException {
		try (SocketClient client = SocketClient.to(server.port()).deaf().header("x-runner-token", "secret").connect()) {
			assertThat(client.next().get("type").asString()).isEqualTo("ready");
			assertThat(client.pinged(Duration.ofSeconds(2))).isTrue();
			WebSocketCloseStatus status = client.awaitClose(Duration.ofSeconds(5));
			assertThat(status.code()).isEqualTo(4408);
			assertThat(status.reasonText()).isEqualTo("heartbeat timeout");
		}
	}

	@Test
	void closesConnectionsOverTheLimitWith4429() {
		List<SocketClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				clients.add(SocketClient.authenticated(server.port()));
			}
			try (SocketClient over = SocketClient.to(server.port()).header("x-runner-token", "secret").connect()) {
				assertThat(over.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4429);
			}
			clients.get(0).send("{\"type\":\"ping\"}");
			assertThat(clients.get(0).nextText()).isEqualTo("{\"type\":\"pong\"}");
		}
		finally {
			clients.forEach(SocketClient::close);
		}
	}

	@Test
	void closesASlowConsumerWith4408AndKeepsServingTheOthers() {
		try (SocketClient fast = SocketClient.authenticated(server.port());
				SocketClient slow = SocketClient.to(server.port()).notReading().header("x-runner-token", "secret")
					.connect()) {
			fast.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"flood\"}");
			fast.next();
			slow.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"flood\"}");
			RunnerChannels channels = server.bean(RunnerChannels.class);
			awaitSubscribers(channels, "flood", 2);
			String big = "y".repeat(16 * 1024);
			// the slow client reads nothing, not even the close frame: the server side tells what happened
			String fastId = fastId(fast);
			String slowId = channels.subscribers("flood").filter((id) -> !id.equals(fastId)).blockFirst();
			SocketConnection slowSocket = (SocketConnection) channels.sockets()
				.filter((socket) -> socket.id().equals(slowId))
				.blockFirst();
			for (int i = 0; i < 4000 && !slowSocket.isClosing(); i++) {
				channels.publish("flood", big).block();
				JsonNode message = fast.next();
				assertThat(message.get("type").asString()).isEqualTo("message");
			}
			assertThat(slowSocket.isClosing()).isTrue();
			assertThat(slowSocket.outbound().size()).isZero();
			awaitSubscribers(channels, "flood", 1);
			SocketTestApp.SocketEvents events = server.bean(SocketTestApp.SocketEvents.class);
			assertThat(events.seen).anySatisfy((seen) -> assertThat((String) seen).matches("closed \\S+ 4408"));
			fast.send("{\"type\":\"ping\"}");
			assertThat(fast.until("pong")).isNotEmpty();
		}
	}

	@Test
	void survivesAFloodOfSubscribesAndKeepsServingTheOthers() {
		try (SocketClient flooder = SocketClient.authenticated(server.port());
				SocketClient other = SocketClient.authenticated(server.port())) {
			for (int i = 0; i < 5000; i++) {
				flooder.send("{\"type\":\"subscribe\",\"id\":\"f" + i + "\",\"channel\":\"flood." + i + "\"}");
			}
			other.send("{\"type\":\"task\",\"id\":\"a\",\"task\":\"app.tasks.add\",\"input\":{\"a\":2,\"b\":3}}");
			assertThat(other.next().get("result").asInt()).isEqualTo(5);
			int subscribed = 0;
			int overloaded = 0;
			for (int i = 0; i < 5000; i++) {
				JsonNode answer = flooder.next();
				if (answer.get("ok").asBoolean()) {
					subscribed++;
				}
				else if ("OVERLOADED".equals(answer.at("/error/code").asString())) {
					overloaded++;
				}
			}
			assertThat(subscribed).isEqualTo(128);
			assertThat(overloaded).isEqualTo(5000 - 128);
		}
		RunnerChannels channels = server.bean(RunnerChannels.class);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				channels.channels().filter((name) -> name.startsWith("flood.")).count().block()).isZero());
	}

	private static String fastId(SocketClient fast) {
		fast.send("{\"type\":\"task\",\"id\":\"me\",\"task\":\"socket.whoami\"}");
		return fast.until("result").get(0).at("/result/socketId").asString();
	}

	static void awaitSubscribers(RunnerChannels channels, String channel, int count) {
		for (int i = 0; i < 250; i++) {
			if (channels.subscribers(channel).count().block() == count) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		assertThat(channels.subscribers(channel).count().block()).isEqualTo(count);
	}

}
