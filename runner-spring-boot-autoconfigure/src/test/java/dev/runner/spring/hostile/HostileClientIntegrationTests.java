package dev.runner.spring.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Connection;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static dev.runner.spring.testsupport.TunnelServer.H;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients over real HTTP, on raw sockets: bodies cut short, too large or trickled, lying content-lengths,
 * oversized heads, floods of junk ids, pathological JSON, and clients that go away at every stage of a request. Each
 * gets the protocol's status and code (or, below the tunnel, the HTTP server's own 4xx), no response body carries a
 * stack trace, class name or token, and a normal call right after is served. The read timeout is 1 s here.
 */
class HostileClientIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(HostileProfile.class, ProfileP.TOKENS,
			"runner.limits.read-timeout=1s").silencingExpectedFailures();

	static final String INVALID_JSON = error("Invalid JSON body", "INVALID_JSON");

	static final String TOO_LARGE = error("Payload too large", "PAYLOAD_TOO_LARGE");

	static final String TIMEOUT = error("Request Timeout", "REQUEST_TIMEOUT");

	private static final List<String> LEAKS = List.of("Exception", "java.", "dev.runner", "\tat ", "secret",
			"tools.jackson", "reactor.", "io.netty");

	private HostileProfile.Counters counters;

	private ProfileP.Recorder recorder;

	@BeforeEach
	void reset() {
		this.counters = server.bean(HostileProfile.Counters.class);
		this.counters.reset();
		this.recorder = server.bean(ProfileP.Recorder.class);
	}

	// --- bodies cut short, too large, trickled; lying content-lengths

	@Test
	void bodyCutShortByHalfCloseIsAbortedAndNotRun() throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: 100") + "{\"input\":");
			connection.shutdownOutput();
			Reply reply = connection.readIfAny("POST");
			if (reply != null) { // the server may still answer a half-closed connection
				assertEnvelope(reply, 499, error("Client Closed Request", "REQUEST_ABORTED"));
			}
		}
		assertServing();
		assertThat(this.recorder.seen("app.tasks.echo")).isEmpty();
	}

	@Test
	void bodyCutShortByResetIsNotRun() throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: 100") + "{\"input\":");
			pause(100);
			connection.abort();
		}
		assertServing();
		assertThat(this.recorder.seen("app.tasks.echo")).isEmpty();
	}

	@Test
	void truncatedJsonIsInvalidJson() {
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":{\"a\":"), 400, INVALID_JSON);
		assertEnvelope(server.post("/__runner/event/app.events.notify", "{\"payload\":[1,"), 400, INVALID_JSON);
		assertServing();
	}

	@Test
	void oversizedChunkedBodyIsRefusedWithoutReadingItAll() {
		long start = System.nanoTime();
		Reply reply = server.exchange("POST", "/__runner/task/app.tasks.echo", jsonOfSize(8 * 1024 * 1024), true, H);
		assertEnvelope(reply, 413, TOO_LARGE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertServing();
	}

	@Test
	void contentLengthOfTenGigabytesIsRefusedAtTheLimit() throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: 10000000000"));
			connection.writeRaw(jsonOfSize(2 * 1024 * 1024 + 1));
			Reply reply = connection.readIfAny("POST");
			assertThat(reply).isNotNull();
			assertEnvelope(reply, 413, TOO_LARGE);
		}
		assertServing();
	}

	@Test
	void contentLengthShorterThanTheBodyReadsOnlyThatManyBytes() throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: 5") + "{\"input\":1}");
			assertEnvelope(connection.readIfAny("POST"), 400, INVALID_JSON);
			// the rest ("ut":1}) starts a next request that is no HTTP: the server's own 400, or a close
			connection.writeRaw("\r\n\r\n");
			Reply next = connection.readIfAny("POST");
			if (next != null) {
				assertThat(next.status()).isEqualTo(400);
				assertClean(next);
			}
		}
		assertServing();
	}

	@Test
	void contentLengthLongerThanTheBodyTimesOutAndCloses() throws IOException {
		try (Connection connection = server.connect()) {
			long start = System.nanoTime();
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: 50") + "{\"input\":1}");
			Reply reply = connection.readIfAny("POST");
			assertEnvelope(reply, 408, TIMEOUT);
			assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the read timeout")
				.isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThat(connection.readIfAny("POST")).as("connection closed after 408").isNull();
		}
		assertThat(this.recorder.seen("app.tasks.echo")).isEmpty();
		assertServing();
	}

	@Test
	void bodyTrickledByteByByteIsCutOffByTheReadTimeout() throws Exception {
		byte[] body = ("{\"input\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
		try (Connection connection = server.connect()) {
			long start = System.nanoTime();
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: " + body.length));
			ExecutorService trickler = Executors.newSingleThreadExecutor();
			AtomicInteger sent = new AtomicInteger();
			trickler.submit(() -> {
				try {
					for (byte b : body) {
						connection.writeRaw(new byte[] { b });
						sent.incrementAndGet();
						Thread.sleep(50); // 110 bytes over 5.5 s: never idle for long, always too slow
					}
				}
				catch (IOException ex) {
					// the server closed the connection
				}
				return null;
			});
			Reply reply = connection.readIfAny("POST");
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			int sentBeforeAnswer = sent.get();
			assertEnvelope(reply, 408, TIMEOUT);
			assertThat(millis).as("not before the read timeout").isGreaterThanOrEqualTo(900L);
			assertThat(sentBeforeAnswer).as("answered while the client was still sending").isLessThan(body.length);
			trickler.shutdownNow();
			Robustness.print("hostile.slow-sender", "read-timeout-ms=1000 answered-after-ms=" + millis
					+ " bytes-sent-before=" + sentBeforeAnswer + " of " + body.length);
		}
		assertThat(this.recorder.seen("app.tasks.echo")).isEmpty();
		assertServing();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Content-Length: abc", "Content-Length: -1", "Content-Length: 5\r\nContent-Length: 6",
			"Content-Length: 1e3", "Content-Length: 99999999999999999999999" })
	void invalidContentLengthsGetTheServersBadRequest(String header) throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw(head("/__runner/task/app.tasks.echo", header) + "{\"input\":1}");
			Reply reply = connection.readIfAny("POST");
			if (reply != null) {
				assertThat(reply.status()).isEqualTo(400);
				assertClean(reply);
			}
		}
		assertThat(this.recorder.seen("app.tasks.echo")).isEmpty();
		assertServing();
	}

	@Test
	void contentLengthWithChunkedFramingUsesTheChunks() throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw(head("/__runner/task/app.tasks.echo", "Content-Length: 3\r\nTransfer-Encoding: chunked")
					+ "b\r\n{\"input\":7}\r\n0\r\n\r\n");
			Reply reply = connection.readIfAny("POST");
			assertThat(reply).isNotNull();
			if (reply.status() == 200) {
				assertEnvelope(reply, 200, ok("7"));
			}
			else {
				assertThat(reply.status()).isEqualTo(400);
			}
		}
		assertServing();
	}

	// --- heads too large

	@Test
	void headerTooLargeGetsTheServers431() {
		Reply reply = server.request("POST", "/__runner/task/app.tasks.echo", "{}",
				TunnelServer.withH("x-junk", "j".repeat(20_000)));
		assertThat(reply.status()).isEqualTo(431);
		assertClean(reply);
		assertServing();
	}

	@Test
	void requestLineTooLongGetsTheServers414() {
		Reply reply = server.request("POST", "/__runner/task/" + "a".repeat(20_000), "{}", H);
		assertThat(reply.status()).isEqualTo(414);
		assertClean(reply);
		assertServing();
	}

	@Test
	void tooManyHeadersGetTheServers431() {
		String[] headers = new String[2 * 2000 + H.length];
		System.arraycopy(H, 0, headers, 0, H.length);
		for (int i = 0; i < 2000; i++) {
			headers[H.length + 2 * i] = "x-h" + i;
			headers[H.length + 2 * i + 1] = "v";
		}
		Reply reply = server.request("POST", "/__runner/task/app.tasks.echo", "{}", headers);
		assertThat(reply.status()).isEqualTo(431);
		assertServing();
	}

	@Test
	void manyFragmentsAreDroppedAsTheNodeRouterDoes() {
		assertEnvelope(server.post("/__runner/task/app.tasks.add#/#|", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	// --- floods of junk ids

	@Test
	void tenThousandDistinctJunkTaskIdsAreRefusedOneByOne() throws Exception {
		int count = Integer.getInteger("runner.hostile.junk-ids", 10_000);
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<Void>> done = new java.util.ArrayList<>();
		for (int c = 0; c < 4; c++) {
			int client = c;
			done.add(clients.submit(() -> {
				Random random = new Random(client);
				try (Connection connection = server.connect()) {
					for (int i = client; i < count; i += 4) {
						String id = "junk." + i + "." + junkSegment(random);
						Reply reply = connection.exchange("POST", "/__runner/task/" + id, "{}".getBytes(), false,
								false, H);
						statuses.computeIfAbsent(reply.status(), (s) -> new AtomicLong()).incrementAndGet();
						if (reply.status() == 403) {
							assertThat(reply.text()).startsWith("{\"ok\":false,\"error\":{\"message\":\"Task junk.")
								.endsWith(" not exposed\",\"code\":\"FORBIDDEN\"}}");
						}
						else {
							assertEnvelope(reply, 404, error("Not Found", "NOT_FOUND")); // invalid UTF-8 escapes
						}
					}
				}
				return null;
			}));
		}
		for (Future<Void> future : done) {
			future.get();
		}
		clients.shutdown();
		Map<Integer, Long> figures = new TreeMap<>();
		statuses.forEach((status, n) -> figures.put(status, n.get()));
		Robustness.print("hostile.junk-ids", "requests=" + count + " statuses=" + figures + " seconds="
				+ Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
		assertThat(figures.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
		assertThat(figures.keySet()).isSubsetOf(403, 404);
		assertServing();
	}

	// --- pathological JSON

	@ParameterizedTest
	@ValueSource(strings = { "[", "{\"a\":", "{\"__type\":\"Set\",\"value\":[", "{\"input\":" })
	void nestingOneHundredThousandDeepIsInvalidJson(String open) {
		String close = switch (open) {
			case "[" -> "]";
			case "{\"__type\":\"Set\",\"value\":[" -> "]}";
			default -> "}";
		};
		String body = open.repeat(100_000) + "0" + close.repeat(100_000);
		boolean tooLarge = body.length() > 2 * 1024 * 1024; // then the size is refused first (docs/tunnel-http.md §8)
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", body), tooLarge ? 413 : 400,
				tooLarge ? TOO_LARGE : INVALID_JSON);
		assertServing();
	}

	@Test
	void graphReferenceChainsBeyondTheDepthLimitAreInvalidJson() {
		StringBuilder body = new StringBuilder("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"n0\"},\"nodes\":{");
		for (int i = 0; i < 30_000; i++) {
			body.append((i > 0) ? "," : "").append("\"n").append(i).append("\":{\"kind\":\"array\",\"value\":[")
				.append((i < 29_999) ? "{\"__ref\":\"n" + (i + 1) + "\"}" : "0").append("]}");
		}
		body.append("}}");
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", body.toString()), 400, INVALID_JSON);
		assertServing();
	}

	@Test
	void graphsStandingForAstronomicallyManyValuesAreInvalidJsonAtOnce() {
		StringBuilder body = new StringBuilder("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"n0\"},\"nodes\":{");
		for (int i = 0; i < 64; i++) {
			String next = (i < 63) ? "{\"__ref\":\"n" + (i + 1) + "\"}" : "{\"a\":1}";
			body.append((i > 0) ? "," : "").append("\"n").append(i).append("\":{\"kind\":\"array\",\"value\":[")
				.append(next).append(',').append(next).append("]}");
		}
		body.append("}}");
		long start = System.nanoTime();
		assertEnvelope(server.post("/__runner/task/hostile.shape", body.toString()), 400, INVALID_JSON);
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", body.toString()), 400, INVALID_JSON);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertServing();
	}

	@Test
	void hugeNumbersAnswerQuickly() {
		long start = System.nanoTime();
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":1e999999}"), 200,
				ok("{\"__type\":\"NonFiniteNumber\",\"value\":\"Infinity\"}"));
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":-1e999999}"), 200,
				ok("{\"__type\":\"NonFiniteNumber\",\"value\":\"-Infinity\"}"));
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":1e-999999}"), 200, ok("0"));
		// longer than the JSON parser's number limit (1,000 digits): refused rather than parsed in quadratic time
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":" + "9".repeat(1_000_000) + "}"),
				400, INVALID_JSON);
		assertEnvelope(server.post("/__runner/task/app.tasks.echo",
				"{\"input\":{\"__type\":\"BigInt\",\"value\":\"" + "7".repeat(1_900_000) + "\"}}"), 400, INVALID_JSON);
		assertEnvelope(server.post("/__runner/task/app.tasks.echo",
				"{\"input\":{\"__type\":\"BigInt\",\"value\":\"" + "7".repeat(10_000) + "\"}}"), 200,
				ok("{\"__type\":\"BigInt\",\"value\":\"" + "7".repeat(10_000) + "\"}"));
		assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1e400,\"b\":1}}"), 400,
				"{\"ok\":false,\"error\":{\"message\":\"Invalid input\",\"code\":\"INVALID_INPUT\","
						+ "\"id\":\"runner.errors.InvalidInput\",\"data\":{\"violations\":[{\"path\":\"a\","
						+ "\"message\":\"is out of range\"}]},\"httpCode\":400}}");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertServing();
	}

	@Test
	void invalidUtf8BecomesReplacementCharactersAsNodeDecodesIt() {
		// docs/tunnel-http.md §3.2 step 2: Node decodes the body with Buffer#toString, which replaces invalid sequences
		assertEnvelope(server.exchange("POST", "/__runner/task/app.tasks.echo",
				new byte[] { '{', '"', 'i', 'n', 'p', 'u', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}' }, false, H),
				200, ok("\"\ufffd(\""));
		assertEnvelope(server.exchange("POST", "/__runner/task/app.tasks.echo", new byte[] { '"', (byte) 0xFF, '"' },
				false, H), 200, ok("\"\ufffd\""));
		// an encoded surrogate, an overlong "/" and a code point beyond U+10FFFF: only replacement characters (Java
		// may use fewer of them than Node for one bad sequence), never the character an overlong form spells
		for (byte[] bad : List.of(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 })) {
			byte[] body = new byte[bad.length + 2];
			body[0] = '"';
			System.arraycopy(bad, 0, body, 1, bad.length);
			body[body.length - 1] = '"';
			Reply reply = server.exchange("POST", "/__runner/task/app.tasks.echo", body, false, H);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).matches("\\{\"ok\":true,\"result\":\"\ufffd+\"}");
		}
		assertEnvelope(server.exchange("POST", "/__runner/task/app.tasks.echo",
				new byte[] { (byte) 0xFE, (byte) 0xFF, '1' }, false, H), 400, INVALID_JSON);
		assertServing();
	}

	@Test
	void duplicatedKeysKeepTheLastValueAsJsonParseDoes() {
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":{\"a\":1,\"a\":2}}"), 200,
				ok("{\"a\":2}"));
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":1,\"input\":2}"), 200, ok("2"));
		assertEnvelope(server.post("/__runner/event/app.events.notify",
				"{\"payload\":{\"a\":1},\"returnPayload\":false,\"returnPayload\":true}"), 200,
				ok("{\"a\":1,\"touched\":true}"));
	}

	@Test
	void prototypeKeysAreDroppedEverywhere() {
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":{\"__proto__\":{\"polluted\":1},"
				+ "\"constructor\":{\"prototype\":{\"polluted\":1}},\"prototype\":1,\"b\":1}}"), 200, ok("{\"b\":1}"));
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"__proto__\":{\"input\":5},\"x\":1}"), 200,
				ok("{\"x\":1}"));
		assertEnvelope(server.post("/__runner/task/app.tasks.echo",
				"{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"__proto__\"},\"nodes\":{\"__proto__\":"
						+ "{\"kind\":\"object\",\"value\":{}}}}"), 400, INVALID_JSON);
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":{}}"), 200, ok("{}"));
		assertEnvelope(server.post("/__runner/task/hostile.shape",
				"{\"input\":{\"__proto__\":{\"a\":5},\"a\":1,\"b\":\"x\",\"c\":[]}}"), 200,
				ok("{\"a\":1,\"b\":\"x\",\"c\":[]}"));
	}

	// --- clients that go away

	/** Where a client gives up. */
	enum Stage {

		MID_REQUEST_LINE, MID_HEADERS, BEFORE_BODY, MID_BODY, DURING_REACTIVE_TASK, DURING_BLOCKING_TASK,
		DURING_RESPONSE

	}

	@ParameterizedTest
	@EnumSource(Stage.class)
	void clientClosingAtAnyStageLeavesTheServerServing(Stage stage) throws Exception {
		goAway(stage, false);
		assertServing();
	}

	@ParameterizedTest
	@EnumSource(Stage.class)
	void clientResettingAtAnyStageLeavesTheServerServing(Stage stage) throws Exception {
		goAway(stage, true);
		assertServing();
	}

	/**
	 * Sends a request up to the stage, then closes (or resets) the connection; for the task stages, waits until the
	 * handler sees the cancellation.
	 */
	void goAway(Stage stage, boolean reset) throws Exception {
		long cancelledBefore = this.counters.cancelled.get();
		try (Connection connection = server.connect()) {
			String full = head("/__runner/task/app.tasks.echo", "Content-Length: 20") + "{\"input\":\"0123456\"}";
			switch (stage) {
				case MID_REQUEST_LINE -> connection.writeRaw(full.substring(0, 12));
				case MID_HEADERS -> connection.writeRaw(full.substring(0, full.indexOf("x-runner-token") + 5));
				case BEFORE_BODY -> connection.writeRaw(full.substring(0, full.indexOf("\r\n\r\n") + 4));
				case MID_BODY -> connection.writeRaw(full.substring(0, full.length() - 6));
				case DURING_REACTIVE_TASK, DURING_BLOCKING_TASK -> {
					long started = this.counters.started.get();
					String task = (stage == Stage.DURING_REACTIVE_TASK) ? "hostile.slow" : "hostile.block";
					connection.writeRaw(head("/__runner/task/" + task, "Content-Length: 5") + "60000");
					await().atMost(Duration.ofSeconds(10)).until(() -> this.counters.started.get() > started);
				}
				case DURING_RESPONSE -> {
					connection.writeRaw(head("/__runner/task/hostile.big", "Content-Length: 8") + "20000000");
					connection.readIfAny("HEAD"); // the status line and headers only
				}
			}
			pause(50);
			if (reset) {
				connection.abort();
			}
		}
		if (stage == Stage.DURING_REACTIVE_TASK || stage == Stage.DURING_BLOCKING_TASK) {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.counters.cancelled.get() > cancelledBefore);
		}
		assertThat(this.recorder.seen("app.tasks.echo")).isEmpty();
	}

	// --- helpers

	/** A normal call, on a new connection, is answered as usual. */
	static void assertServing() {
		assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	/** No 5xx, and no stack trace, class name or token in the body. */
	static void assertClean(@Nullable Reply reply) {
		assertThat(reply).isNotNull();
		assertThat(reply.status()).as("status of %s", reply).isLessThan(500);
		LEAKS.forEach((leak) -> assertThat(reply.text()).as("body of %s", reply).doesNotContain(leak));
	}

	static String head(String target, String extra) {
		return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nx-runner-token: secret\r\n"
				+ "content-type: application/json\r\n" + extra + "\r\n\r\n";
	}

	static byte[] jsonOfSize(int size) {
		byte[] body = new byte[size];
		java.util.Arrays.fill(body, (byte) ' ');
		body[0] = '"';
		body[size - 1] = '"';
		return body;
	}

	/** A path segment of random characters, percent-encoded byte by byte, invalid UTF-8 sometimes. */
	static String junkSegment(Random random) {
		StringBuilder out = new StringBuilder();
		int length = 1 + random.nextInt(24);
		for (int i = 0; i < length; i++) {
			int pick = random.nextInt(50);
			if (pick < 30) {
				out.append((char) ('a' + random.nextInt(26)));
			}
			else if (pick < 49) {
				byte[] bytes = String.valueOf((char) (0xA0 + random.nextInt(0x2000))).getBytes(StandardCharsets.UTF_8);
				for (byte b : bytes) {
					out.append('%').append(String.format("%02X", b & 0xFF));
				}
			}
			else {
				out.append('%').append(String.format("%02X", 0x80 + random.nextInt(0x80)));
			}
		}
		return out.toString();
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
