package dev.runner.spring.socket;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket protocol over real WebSockets on loopback (docs/socket.md §1-§3): the upgrade's checks, auth by header
 * and by first frame, every client frame and its answers, channels from clients and from Java, and frames that are
 * not requests.
 */
class SocketIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS,
			"runner.cors.allowed-origins=https://app.example", "runner.socket.client-publish=chat.**,open.*",
			"runner.socket.publish-events=news.*", "runner.socket.max-in-flight=3", "runner.socket.max-channels=4")
		.silencingExpectedFailures();

	private static final String[] UPGRADE = { "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key",
			"dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13" };

	// §1 Connecting

	@Test
	void refusesADisallowedOriginBeforeTheUpgrade() {
		Reply reply = upgrade("Origin", "https://evil.example", "x-runner-token", "secret");
		assertThat(reply.status()).isEqualTo(403);
		assertThat(body(reply)).isEqualTo("{\"ok\":false,\"error\":{\"message\":\"Origin not allowed\",\"code\":\"FORBIDDEN\"}}");
	}

	@Test
	void acceptsAnAllowedOrigin() {
		try (SocketClient client = SocketClient.to(server.port()).header("Origin", "https://app.example")
			.header("x-runner-token", "secret").connect()) {
			assertThat(client.next().get("type").asString()).isEqualTo("ready");
		}
	}

	@Test
	void refusesAnUnsupportedSubProtocol() {
		Reply reply = upgrade("Sec-WebSocket-Protocol", "chat.v2, other", "x-runner-token", "secret");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(body(reply)).contains("\"code\":\"INVALID_REQUEST\"").contains("Unsupported sub-protocol");
	}

	@Test
	void selectsTheRunnerSubProtocolAmongOthers() {
		// the client fails its handshake unless the server selects one of the offered sub-protocols
		try (SocketClient client = SocketClient.to(server.port()).protocols("other, runner.v1")
			.header("x-runner-token", "secret").connect()) {
			assertThat(client.next().get("type").asString()).isEqualTo("ready");
		}
		try (SocketClient client = SocketClient.to(server.port()).protocols(null)
			.header("x-runner-token", "secret").connect()) {
			assertThat(client.next().get("type").asString()).isEqualTo("ready");
		}
	}

	@Test
	void allowsThePagesOwnOrigin() {
		try (SocketClient client = SocketClient.to(server.port()).header("Origin", "http://127.0.0.1:" + server.port())
			.header("x-runner-token", "secret").connect()) {
			assertThat(client.next().get("type").asString()).isEqualTo("ready");
		}
	}

	@Test
	void refusesAWrongTokenHeaderWith401() {
		Reply reply = upgrade("x-runner-token", "wrong");
		assertThat(reply.status()).isEqualTo(401);
		assertThat(body(reply)).contains("\"code\":\"UNAUTHORIZED\"");
	}

	@Test
	void refusesAPlainGetAsNotAnUpgrade() {
		Reply reply = server.request("GET", "/__runner/ws", null, "x-runner-token", "secret");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(body(reply)).contains("WebSocket upgrade expected");
	}

	@Test
	void authenticatesByHeaderAndSaysReadyWithAnIdNamingTheInstance() {
		try (SocketClient client = SocketClient.to(server.port()).header("x-runner-token", "secret").connect()) {
			JsonNode ready = client.next();
			assertThat(ready.get("type").asString()).isEqualTo("ready");
			assertThat(ready.get("socketId").asString()).matches("[a-z0-9]{10}-[a-z0-9]+");
		}
	}

	@Test
	void authenticatesByFirstFrame() {
		try (SocketClient client = SocketClient.to(server.port()).connect()) {
			client.send("{\"type\":\"task\",\"id\":\"early\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":2}}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"error\",\"id\":\"early\",\"error\":{\"message\":\"Authenticate first: send an auth frame\",\"code\":\"UNAUTHORIZED\"}}");
			client.send("{\"type\":\"ping\"}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"pong\"}");
			client.send("{\"type\":\"auth\",\"token\":\"secret\"}");
			assertThat(client.next().get("type").asString()).isEqualTo("ready");
			client.send("{\"type\":\"task\",\"id\":\"c1\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":2}}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"c1\",\"ok\":true,\"result\":3}");
			client.send("{\"type\":\"auth\",\"token\":\"secret\"}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("INVALID_FRAME");
		}
	}

	@Test
	void closesWith4401OnAWrongFirstFrameToken() {
		try (SocketClient client = SocketClient.to(server.port()).connect()) {
			client.send("{\"type\":\"auth\",\"token\":\"nope\"}");
			WebSocketCloseStatus status = client.awaitClose(Duration.ofSeconds(5));
			assertThat(status.code()).isEqualTo(4401);
			assertThat(status.reasonText()).isEqualTo("unauthorized");
		}
	}

	@Test
	void ignoresATokenInTheQueryString() {
		try (SocketClient client = SocketClient.to(server.port()).path("/__runner/ws?token=secret").connect()) {
			client.send("{\"type\":\"task\",\"id\":\"c1\",\"task\":\"app.tasks.add\"}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("UNAUTHORIZED");
		}
	}

	// §2 Tasks and events

	@Test
	void runsTasksWithTheValuesOfHttp() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"d\",\"task\":\"app.tasks.echo\",\"input\":{\"when\":{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.000Z\"}}}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"result\",\"id\":\"d\",\"ok\":true,\"result\":{\"when\":{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.000Z\"}}}");
			client.send("{\"type\":\"task\",\"id\":\"v\",\"task\":\"app.tasks.void\"}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"v\",\"ok\":true}");
		}
	}

	@Test
	void answersFailuresWithTheErrorObjectOfHttp() {
		Reply http = server.post("/__runner/task/app.tasks.typed", "{\"input\":{}}");
		String httpError = body(http).substring("{\"ok\":false,\"error\":".length(), body(http).length() - 1);
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"t\",\"task\":\"app.tasks.typed\",\"input\":{}}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"t\",\"ok\":false,\"error\":" + httpError + "}");
			client.send("{\"type\":\"task\",\"id\":\"h\",\"task\":\"app.tasks.hidden\"}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"result\",\"id\":\"h\",\"ok\":false,\"error\":{\"message\":\"Task app.tasks.hidden not exposed\",\"code\":\"FORBIDDEN\"}}");
			client.send("{\"type\":\"task\",\"id\":\"u\",\"task\":\"no.such.task\"}");
			assertThat(client.next().at("/error/message").asString()).isEqualTo("Task no.such.task not exposed");
			client.send("{\"type\":\"task\",\"id\":\"f\",\"task\":\"app.tasks.fail\"}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("INTERNAL_ERROR");
		}
	}

	@Test
	void answersManyRequestsInFlightAsTheyFinish() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"slow\",\"task\":\"socket.slow\",\"input\":\"s\"}");
			client.send("{\"type\":\"task\",\"id\":\"fast\",\"task\":\"app.tasks.add\",\"input\":{\"a\":2,\"b\":2}}");
			assertThat(client.next().get("id").asString()).isEqualTo("fast");
			assertThat(client.next().get("id").asString()).isEqualTo("slow");
		}
	}

	@Test
	void refusesADuplicateIdAndStillAnswersTheFirst() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"x\",\"task\":\"socket.slow\",\"input\":\"first\"}");
			client.send("{\"type\":\"task\",\"id\":\"x\",\"task\":\"socket.slow\",\"input\":\"second\"}");
			JsonNode duplicate = client.next();
			assertThat(duplicate.get("type").asString()).isEqualTo("error");
			assertThat(duplicate.get("id").asString()).isEqualTo("x");
			assertThat(duplicate.at("/error/code").asString()).isEqualTo("DUPLICATE_ID");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"x\",\"ok\":true,\"result\":\"first\"}");
		}
	}

	@Test
	void cancelsARequestAsAborted() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"n\",\"task\":\"socket.never\"}");
			client.send("{\"type\":\"cancel\",\"id\":\"n\"}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"result\",\"id\":\"n\",\"ok\":false,\"error\":{\"message\":\"Client Closed Request\",\"code\":\"REQUEST_ABORTED\"}}");
			client.send("{\"type\":\"cancel\",\"id\":\"nothing\"}");
			client.send("{\"type\":\"ping\"}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void refusesRequestsOverTheInFlightLimit() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			for (int i = 0; i < 3; i++) {
				client.send("{\"type\":\"task\",\"id\":\"n" + i + "\",\"task\":\"socket.never\"}");
			}
			client.send("{\"type\":\"task\",\"id\":\"over\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":1}}");
			JsonNode over = client.next();
			assertThat(over.get("id").asString()).isEqualTo("over");
			assertThat(over.at("/error/code").asString()).isEqualTo("OVERLOADED");
		}
	}

	@Test
	void givesTheSocketToHandlersWithARequestIdNamingIt() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"me\",\"task\":\"socket.whoami\"}");
			JsonNode result = client.next().get("result");
			assertThat(result.get("auth").asString()).isEqualTo("TOKEN");
			assertThat(result.get("requestId").asString()).isEqualTo(result.get("socketId").asString() + ":me");
		}
	}

	@Test
	void emitsEventsWithOrWithoutTheirPayload() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"event\",\"id\":\"e1\",\"event\":\"app.events.notify\",\"payload\":{\"a\":1}}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"e1\",\"ok\":true}");
			client.send("{\"type\":\"event\",\"id\":\"e2\",\"event\":\"app.events.notify\",\"payload\":{\"a\":1},\"returnPayload\":true}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"result\",\"id\":\"e2\",\"ok\":true,\"result\":{\"a\":1,\"touched\":true}}");
			client.send("{\"type\":\"event\",\"id\":\"e3\",\"event\":\"app.events.par\",\"returnPayload\":true}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("PARALLEL_EVENT_RETURN_UNSUPPORTED");
		}
	}

	// §2 Frames that are not requests

	@Test
	void answersFramesThatAreNotRequestsWithErrorFramesAndKeepsServing() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			List<String> hostile = List.of("not json", "[1,2]", "{\"type\":\"dance\",\"id\":\"d\"}",
					"{\"type\":\"task\",\"task\":\"app.tasks.add\"}", "{\"type\":\"task\",\"id\":\"\",\"task\":\"x\"}",
					"{\"type\":\"task\",\"id\":\"" + "i".repeat(10_000) + "\",\"task\":\"x\"}",
					"{\"type\":\"task\",\"id\":\"m\"}", "{\"id\":\"noType\"}", "[".repeat(5000) + "]".repeat(5000));
			for (String frame : hostile) {
				client.send(frame);
				JsonNode error = client.next();
				assertThat(error.get("type").asString()).as(frame).isEqualTo("error");
				assertThat(error.at("/error/code").asString()).as(frame).isEqualTo("INVALID_FRAME");
			}
			client.send("{\"type\":\"dance\",\"id\":\"d\"}");
			assertThat(client.next().get("id").asString()).isEqualTo("d");
			client.send("{\"type\":\"task\",\"id\":\"bad\",\"task\":\"app.tasks.echo\",\"input\":{\"__type\":\"Date\",\"value\":\"never\"}}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"result\",\"id\":\"bad\",\"ok\":false,\"error\":{\"message\":\"Invalid JSON body\",\"code\":\"INVALID_JSON\"}}");
			client.send("{\"type\":\"task\",\"id\":\"ok\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":1}}");
			assertThat(client.next().get("result").asInt()).isEqualTo(2);
		}
	}

	@Test
	void closesWith1003OnABinaryFrame() {
		try (SocketClient client = SocketClient.authenticated(server.port());
				SocketClient other = SocketClient.authenticated(server.port())) {
			client.sendBinary("{}".getBytes(StandardCharsets.UTF_8));
			WebSocketCloseStatus status = client.awaitClose(Duration.ofSeconds(5));
			assertThat(status.code()).isEqualTo(1003);
			assertThat(status.reasonText()).isEqualTo("binary frames not supported");
			other.send("{\"type\":\"ping\"}");
			assertThat(other.nextText()).isEqualTo("{\"type\":\"pong\"}");
		}
	}

	@Test
	void closesWith1009OnAMessageOverTheFrameSize() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"big\",\"task\":\"app.tasks.echo\",\"input\":\"" + "x".repeat(70_000) + "\"}");
			assertThat(client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1009);
		}
	}

	// §3 Channels

	@Test
	void subscribesPublishesAndUnsubscribes() {
		try (SocketClient alice = SocketClient.authenticated(server.port());
				SocketClient bob = SocketClient.authenticated(server.port())) {
			alice.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"channel\":\"chat.lobby\"}");
			assertThat(alice.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"s1\",\"ok\":true,\"result\":true}");
			alice.send("{\"type\":\"subscribe\",\"id\":\"s2\",\"channel\":\"chat.lobby\"}");
			assertThat(alice.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"s2\",\"ok\":true,\"result\":false}");
			bob.send("{\"type\":\"publish\",\"id\":\"p1\",\"channel\":\"chat.lobby\",\"data\":{\"at\":{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.000Z\"}}}");
			assertThat(bob.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"p1\",\"ok\":true}");
			assertThat(alice.nextText()).isEqualTo(
					"{\"type\":\"message\",\"channel\":\"chat.lobby\",\"data\":{\"at\":{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.000Z\"}}}");
			alice.send("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"channel\":\"chat.lobby\"}");
			assertThat(alice.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"u1\",\"ok\":true,\"result\":true}");
			assertThat(server.bean(RunnerChannels.class).subscribers("chat.lobby").collectList().block()).isEmpty();
		}
	}

	@Test
	void refusesChannelsByPatternAuthorizerNameAndLimit() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"news.today\",\"data\":1}");
			assertThat(client.next().at("/error/message").asString()).isEqualTo("Publish to news.today refused");
			client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"secret.plans\"}");
			assertThat(client.nextText()).isEqualTo(
					"{\"type\":\"result\",\"id\":\"s\",\"ok\":false,\"error\":{\"message\":\"Subscribe to secret.plans refused\",\"code\":\"FORBIDDEN\"}}");
			client.send("{\"type\":\"subscribe\",\"id\":\"n\",\"channel\":\"bad\\u0001name\"}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("INVALID_FRAME");
			client.send("{\"type\":\"subscribe\",\"id\":\"l\",\"channel\":\"" + "c".repeat(257) + "\"}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("INVALID_FRAME");
			for (int i = 0; i < 4; i++) {
				client.send("{\"type\":\"subscribe\",\"id\":\"c" + i + "\",\"channel\":\"room." + i + "\"}");
				assertThat(client.next().get("ok").asBoolean()).isTrue();
			}
			client.send("{\"type\":\"subscribe\",\"id\":\"c9\",\"channel\":\"room.9\"}");
			assertThat(client.next().at("/error/code").asString()).isEqualTo("OVERLOADED");
		}
	}

	@Test
	void queuesAPublishersOwnMessageBeforeItsResult() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"open.echo\"}");
			client.next();
			client.send("{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"open.echo\",\"data\":1}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"message\",\"channel\":\"open.echo\",\"data\":1}");
			assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"p\",\"ok\":true}");
		}
	}

	@Test
	void deliversOneThreadsJavaPublicationsInOrderToSocketsOnEveryEventLoop() {
		RunnerChannels channels = server.bean(RunnerChannels.class);
		List<SocketClient> readers = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				SocketClient reader = SocketClient.authenticated(server.port());
				readers.add(reader);
				reader.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"open.java-order\"}");
				reader.next();
			}
			for (int i = 0; i < 300; i++) {
				channels.publish("open.java-order", i).block();
			}
			for (SocketClient reader : readers) {
				for (int i = 0; i < 300; i++) {
					assertThat(reader.next().get("data").asInt()).isEqualTo(i);
				}
			}
		}
		finally {
			readers.forEach(SocketClient::close);
		}
	}

	@Test
	void deliversInPublicationOrder() {
		try (SocketClient reader = SocketClient.authenticated(server.port());
				SocketClient writer = SocketClient.authenticated(server.port())) {
			reader.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"open.order\"}");
			reader.next();
			for (int i = 0; i < 500; i++) {
				writer.send("{\"type\":\"publish\",\"id\":\"p" + i + "\",\"channel\":\"open.order\",\"data\":" + i + "}");
			}
			for (int i = 0; i < 500; i++) {
				assertThat(reader.next().get("data").asInt()).isEqualTo(i);
			}
		}
	}

	@Test
	void letsJavaCodeSubscribePublishAndSendDirectly() {
		try (SocketClient alice = SocketClient.authenticated(server.port());
				SocketClient bob = SocketClient.authenticated(server.port())) {
			bob.send("{\"type\":\"task\",\"id\":\"me\",\"task\":\"socket.whoami\"}");
			String bobId = bob.next().at("/result/socketId").asString();
			alice.send("{\"type\":\"task\",\"id\":\"j\",\"task\":\"chat.join\",\"input\":\"kitchen\"}");
			assertThat(alice.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"j\",\"ok\":true,\"result\":true}");
			bob.send("{\"type\":\"task\",\"id\":\"say\",\"task\":\"chat.say\",\"input\":{\"room\":\"kitchen\",\"text\":\"hi\"}}");
			assertThat(bob.next().get("ok").asBoolean()).isTrue();
			JsonNode message = alice.next();
			assertThat(message.get("channel").asString()).isEqualTo("chat.kitchen");
			assertThat(message.at("/data/text").asString()).isEqualTo("hi");
			alice.send("{\"type\":\"task\",\"id\":\"d\",\"task\":\"chat.direct\",\"input\":{\"to\":\"" + bobId + "\",\"text\":\"psst\"}}");
			assertThat(bob.nextText()).isEqualTo("{\"type\":\"direct\",\"data\":\"psst\"}");
			assertThat(alice.next().get("result").asBoolean()).isTrue();
			RunnerChannels channels = server.bean(RunnerChannels.class);
			channels.copySubscriptions("chat.kitchen", "chat.house").block();
			channels.publish("chat.house", Map.of("all", true)).block();
			assertThat(alice.next().get("channel").asString()).isEqualTo("chat.house");
			assertThat(channels.send("nobody-1", "x").block()).isFalse();
		}
	}

	@Test
	void deliversMessagesOfEveryFrameLengthToEverySubscriber() {
		// a publication's frame is encoded once, header included: 7-bit, 16-bit and 64-bit payload lengths
		try (SocketClient alice = SocketClient.authenticated(server.port());
				SocketClient bob = SocketClient.authenticated(server.port())) {
			for (SocketClient client : List.of(alice, bob)) {
				client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"open.sizes\"}");
				assertThat(client.next().get("ok").asBoolean()).isTrue();
			}
			RunnerChannels channels = server.bean(RunnerChannels.class);
			for (int length : new int[] { 1, 80, 200, 65_000, 70_000 }) {
				String text = "x".repeat(length);
				channels.publish("open.sizes", text).block();
				String expected = "{\"type\":\"message\",\"channel\":\"open.sizes\",\"data\":\"" + text + "\"}";
				assertThat(alice.nextText()).as("alice, %d characters", length).isEqualTo(expected);
				assertThat(bob.nextText()).as("bob, %d characters", length).isEqualTo(expected);
			}
		}
	}

	@Test
	void negotiatesNoExtensionSoThatEverySocketTakesTheSameFrames() throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
			socket.setSoTimeout(5_000);
			String upgrade = "GET /__runner/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Protocol: runner.v1\r\nx-runner-token: secret\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
			socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				assertThat(b).as("end of the upgrade's answer").isNotEqualTo(-1);
				head.append((char) b);
			}
			assertThat(head.toString()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("sec-websocket-extensions");
			// the ready frame: final text frame, no RSV bit (nothing compressed), unmasked
			assertThat(in.read()).isEqualTo(0x81);
		}
	}

	@Test
	void publishesMatchingEventsOnTheirChannelAfterListenersRan() {
		try (SocketClient reader = SocketClient.authenticated(server.port())) {
			reader.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"news.published\"}");
			reader.next();
			server.post("/__runner/event/news.published", "{\"payload\":{\"title\":\"t\"}}");
			assertThat(reader.nextText()).isEqualTo(
					"{\"type\":\"message\",\"channel\":\"news.published\",\"data\":{\"title\":\"t\",\"seen\":true}}");
		}
	}

	@Test
	void leavesEveryChannelAndTellsListenersWhenASocketCloses() throws Exception {
		SocketTestApp.SocketEvents events = server.bean(SocketTestApp.SocketEvents.class);
		String id;
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"me\",\"task\":\"socket.whoami\"}");
			id = client.next().at("/result/socketId").asString();
			client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"open.gone\"}");
			client.next();
		}
		RunnerChannels channels = server.bean(RunnerChannels.class);
		for (int i = 0; i < 100 && !channels.subscribers("open.gone").collectList().block().isEmpty(); i++) {
			Thread.sleep(20);
		}
		assertThat(channels.subscribers("open.gone").collectList().block()).isEmpty();
		assertThat(channels.sockets().map((socket) -> socket.id()).collectList().block()).doesNotContain(id);
		assertThat(events.seen).contains("connected " + id);
		assertThat(events.seen).anySatisfy((seen) -> assertThat((String) seen).startsWith("closed " + id + " "));
	}

	private static Reply upgrade(String... headers) {
		String[] all = new String[UPGRADE.length + headers.length];
		System.arraycopy(UPGRADE, 0, all, 0, UPGRADE.length);
		System.arraycopy(headers, 0, all, UPGRADE.length, headers.length);
		return server.request("GET", "/__runner/ws", null, all);
	}

	private static String body(Reply reply) {
		return new String(reply.body(), StandardCharsets.UTF_8);
	}

}
