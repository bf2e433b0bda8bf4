package dev.runner.spring.socket;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.core.RunnerSocketStatistics;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sockets over the server's life (docs/socket.md §3, §4): 10,000 sockets that connect, subscribe and go leave nothing
 * behind (Netty's paranoid leak detector checks the buffers after the class), and a graceful shutdown answers the
 * requests in flight before closing with 1001.
 */
class SocketLifecycleIntegrationTests {

	@Test
	void leavesNothingBehindAfterTenThousandSockets() throws Exception {
		TunnelServer server = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS);
		server.beforeAll(null);
		try {
			int threadsBefore = Thread.activeCount();
			HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
				.headers((headers) -> headers.set("x-runner-token", "secret"));
			WebsocketClientSpec spec = WebsocketClientSpec.builder().protocols("runner.v1").build();
			AtomicInteger answered = new AtomicInteger();
			Flux.range(0, 10_000)
				.flatMap((i) -> client.websocket(spec).uri("ws://127.0.0.1:" + server.port() + "/__runner/ws")
					.handle((in, out) -> out
						.sendString(Mono.just("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"churn." + (i % 10)
								+ "\"}"))
						.then()
						.thenMany(in.receive().asString().take(2).doOnNext((frame) -> {
							if (frame.contains("\"result\":true")) {
								answered.incrementAndGet();
							}
						})))
					.then(), 32)
				.blockLast(Duration.ofMinutes(3));
			assertThat(answered).hasValue(10_000);
			RunnerSocketStatistics statistics = server.bean(RunnerSocketStatistics.class);
			RunnerChannels channels = server.bean(RunnerChannels.class);
			for (int i = 0; i < 250 && (statistics.socketCount() > 0 || !statistics.channelSubscribers().isEmpty()); i++) {
				Thread.sleep(20);
			}
			assertThat(statistics.socketCount()).isZero();
			assertThat(statistics.channelSubscribers()).isEmpty();
			assertThat(channels.channels().collectList().block()).isEmpty();
			assertThat(Thread.activeCount()).isLessThan(threadsBefore + 16);
		}
		finally {
			server.afterAll(null);
		}
	}

	@Test
	void answersRequestsInFlightThenClosesWith1001OnShutdown() throws Exception {
		TunnelServer server = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS);
		server.beforeAll(null);
		boolean stopped = false;
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"slow\",\"task\":\"socket.slow\",\"input\":\"done\"}");
			Thread.sleep(50);
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.afterAll(null));
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"slow\",\"ok\":true,\"result\":\"done\"}");
			WebSocketCloseStatus status = client.awaitClose(Duration.ofSeconds(10));
			assertThat(status.code()).isEqualTo(1001);
			assertThat(status.reasonText()).isEqualTo("server shutting down");
			stopping.get();
			stopped = true;
		}
		finally {
			if (!stopped) {
				server.afterAll(null);
			}
		}
	}

}
