package dev.runner.spring.socket;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code drop-oldest} slow-consumer policy (docs/socket.md §5): a socket that stops reading keeps its connection,
 * loses the oldest channel messages, never a result, and learns how many from a {@code gap} frame.
 */
class SocketDropOldestIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS,
			"runner.socket.slow-consumer=drop-oldest", "runner.socket.outbound-queue=100")
		.silencingExpectedFailures();

	@Test
	void dropsTheOldestMessagesAndSendsAGapOnceTheClientReadsAgain() {
		RunnerChannels channels = server.bean(RunnerChannels.class);
		try (SocketClient slow = SocketClient.to(server.port()).notReading().header("x-runner-token", "secret")
			.connect()) {
			slow.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"ticks\"}");
			SocketLimitsIntegrationTests.awaitSubscribers(channels, "ticks", 1);
			String padding = "z".repeat(8 * 1024);
			int published = 3000;
			for (int i = 0; i < published; i++) {
				channels.publish("ticks", List.of(i, padding)).block();
			}
			slow.send("{\"type\":\"task\",\"id\":\"r\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":1}}");
			slow.resume();
			List<JsonNode> frames = new ArrayList<>();
			while (true) {
				JsonNode frame = slow.next();
				frames.add(frame);
				if ("result".equals(frame.get("type").asString()) && "r".equals(frame.get("id").asString())) {
					break;
				}
			}
			List<Integer> received = frames.stream()
				.filter((frame) -> "message".equals(frame.get("type").asString()))
				.map((frame) -> frame.at("/data/0").asInt())
				.toList();
			int dropped = frames.stream()
				.filter((frame) -> "gap".equals(frame.get("type").asString()))
				.peek((gap) -> assertThat(gap.get("channel").asString()).isEqualTo("ticks"))
				.mapToInt((gap) -> gap.get("dropped").asInt())
				.sum();
			assertThat(dropped).isPositive();
			assertThat(received).isSorted().doesNotHaveDuplicates();
			assertThat(received).contains(published - 1);
			assertThat(received.size() + dropped).isEqualTo(published);
			assertThat(frames.get(frames.size() - 1).get("result").asInt()).isEqualTo(2);
		}
	}

}
