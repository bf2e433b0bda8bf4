package dev.runner.spring.tunnel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Connection;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner.limits.stream-read-timeout} over real HTTP: a multipart or octet-stream body that the client stops
 * sending is answered 408 and its connection closed; a task that reads its body later than the client sends it is
 * not timed out.
 */
class StreamReadTimeoutIntegrationTests {

	private static final String TIMEOUT = error("Request Timeout", "REQUEST_TIMEOUT");

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS,
			"runner.limits.stream-read-timeout=1s").silencingExpectedFailures();

	/** A timeout long enough that pauses of a third of it cannot reach it, however loaded the machine. */
	@RegisterExtension
	static final TunnelServer patient = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS,
			"runner.limits.stream-read-timeout=3s").silencingExpectedFailures();

	private static String head(String task, String contentType, long length) {
		return "POST /__runner/task/" + task + " HTTP/1.1\r\nHost: localhost\r\nx-runner-token: secret\r\n"
				+ "content-type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n";
	}

	@Test
	void multipartBodyThatStallsMidFileIsAnswered408AndClosed() throws Exception {
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + Multipart.sentinel("F1", null) + "}}")
			.file("file:F1", "a.bin", "application/octet-stream", new byte[64 * 1024])
			.build();
		byte[] sent = Arrays.copyOf(body, body.length - 1000);
		assertStalledBodyTimesOut("app.tasks.upload", Multipart.CONTENT_TYPE, body.length, sent);
	}

	@Test
	void multipartBodyThatStallsBeforeAnyPartIsAnswered408() throws Exception {
		assertStalledBodyTimesOut("app.tasks.upload", Multipart.CONTENT_TYPE, 5000, new byte[0]);
	}

	@Test
	void octetStreamBodyThatStallsIsAnswered408AndClosed() throws Exception {
		assertStalledBodyTimesOut("app.tasks.octet", "application/octet-stream", 5000,
				"only part of it".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void taskThatReadsLaterThanTheClientSendsIsNotTimedOut() {
		byte[] body = new byte[300 * 1024];
		Reply reply = server.exchange("POST", "/__runner/task/app.tasks.lateReader", body, false, "x-runner-token",
				"secret", "content-type", "application/octet-stream");
		assertEnvelope(reply, 200, ok(String.valueOf(body.length)));
	}

	@Test
	void multipartFromAClientThatPausesLessThanTheTimeoutSucceeds() throws Exception {
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + Multipart.sentinel("F1", null) + "}}")
			.file("file:F1", "a.txt", "text/plain", "paused")
			.build();
		try (Connection connection = patient.connect()) {
			connection.writeRaw(head("app.tasks.upload", Multipart.CONTENT_TYPE, body.length));
			int quarter = body.length / 4;
			for (int i = 0; i < 4; i++) {
				Thread.sleep(1000); // 4 s in all, longer than the timeout, but never 3 s without bytes
				connection.writeRaw(Arrays.copyOfRange(body, i * quarter, (i == 3) ? body.length : (i + 1) * quarter));
			}
			Reply reply = connection.readIfAny("POST");
			assertThat(reply).isNotNull();
			assertThat(reply.status()).as("%s", reply).isEqualTo(200);
			assertThat(reply.text()).contains("\"text\":\"paused\"");
		}
	}

	@Test
	void answerThatStartsBeforeTheBodyIsOverClosesTheConnection() throws Exception {
		try (Connection connection = server.connect()) {
			// app.tasks.stream ignores its body: it answers while the rest of the body is still to come
			connection.writeRaw(head("app.tasks.stream", "application/octet-stream", 5000) + "only the start");
			Reply reply = connection.readIfAny("POST");
			assertThat(reply).isNotNull();
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).isEqualTo("hello world");
			assertThat(reply.header("connection")).isEqualTo("close");
			assertThat(connection.readIfAny("POST")).as("the connection is closed").isNull();
		}
	}

	@Test
	void answerAfterTheWholeBodyKeepsTheConnection() throws Exception {
		try (Connection connection = server.connect()) {
			for (int call = 0; call < 3; call++) {
				connection.writeRaw(head("app.tasks.octet", "application/octet-stream", 5) + "bytes");
				Reply reply = connection.readIfAny("POST");
				assertEnvelope(reply, 200, ok("{\"got\":\"bytes\"}"));
				assertThat(reply.header("connection")).isNull();
			}
		}
	}

	private static void assertStalledBodyTimesOut(String task, String contentType, long length, byte[] sent)
			throws Exception {
		try (Connection connection = server.connect()) {
			long start = System.nanoTime();
			connection.writeRaw(head(task, contentType, length));
			connection.writeRaw(sent);
			Reply reply = connection.readIfAny("POST");
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			assertThat(reply).as("an answer").isNotNull();
			assertEnvelope(reply, 408, TIMEOUT);
			assertThat(reply.header("connection")).isEqualTo("close");
			assertThat(millis).as("not before the timeout").isGreaterThanOrEqualTo(900L);
			assertThat(connection.readIfAny("POST")).as("the connection is closed").isNull();
		}
		assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

}
