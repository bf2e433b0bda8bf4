package dev.runner.spring.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.testsupport.TunnelServer.Reply;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.tunnel.Multipart.sentinel;
import static dev.runner.spring.testsupport.TunnelServer.UUID_V4;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Octet-stream requests, streamed responses and aborts: docs/tunnel-http.md §3.4, §4.2, §11 and §18 cases 68-71, over
 * real HTTP.
 */
class StreamsIntegrationTests {

	private static final String TASK = "/__runner/task/";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS).silencingExpectedFailures();

	private static ProfileFiles.Signals signals() {
		return server.bean(ProfileFiles.Signals.class);
	}

	@BeforeEach
	void resetSignals() {
		signals().reset();
	}

	private static Reply octet(String task, byte[] body, boolean chunked, String contentType) {
		return server.exchange("POST", TASK + task, body, chunked, "x-runner-token", "secret", "content-type",
				contentType);
	}

	/** The headers every streamed answer carries (§4.2, case 69). */
	private static void assertStreamHeaders(Reply reply) {
		assertThat(reply.header("transfer-encoding")).as("framing of %s", reply).isEqualTo("chunked");
		assertThat(reply.header("content-length")).as("length of %s", reply).isNull();
		assertThat(reply.headerValues("x-content-type-options")).containsExactly("nosniff");
		assertThat(reply.headerValues("x-frame-options")).containsExactly("DENY");
		assertThat(reply.header("x-runner-request-id")).matches(UUID_V4);
		assertThat(reply.headerValues("access-control-allow-origin")).containsExactly("*");
	}

	@Test // case 68
	void handsRawBodyToHandler() {
		Reply reply = octet("app.tasks.octet", "RAWBYTES".getBytes(), false, "application/octet-stream");
		assertEnvelope(reply, 200, ok("{\"got\":\"RAWBYTES\"}"));
		Reply parameters = octet("app.tasks.octet", "RAWBYTES".getBytes(), true, "Application/Octet-Stream; foo=bar");
		assertEnvelope(parameters, 200, ok("{\"got\":\"RAWBYTES\"}"));
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.octet")).containsExactly(null, null);
	}

	@Test // §3.1: application/octet-streamx is no octet-stream, it is JSON
	void treatsLookalikeContentTypeAsJson() {
		Reply reply = octet("app.tasks.octet", "{\"input\":7}".getBytes(), false, "application/octet-streamx");
		assertEnvelope(reply, 200, ok("{\"got\":\"\"}"));
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.octet")).containsExactly(7L);
	}

	@Test
	void handsRawBodyToBlockingHandlerWithoutLimit() {
		byte[] body = new byte[5 * 1024 * 1024];
		assertEnvelope(octet("app.tasks.octetBlocking", body, true, "application/octet-stream"), 200, ok("5242880"));
	}

	@Test
	void streamsDuplexTransform() {
		byte[] body = "abc".repeat(100_000).getBytes(StandardCharsets.ISO_8859_1);
		Reply reply = octet("app.tasks.upper", body, true, "application/octet-stream");
		assertThat(reply.status()).isEqualTo(200);
		assertStreamHeaders(reply);
		assertThat(reply.header("content-type")).isEqualTo("application/octet-stream");
		assertThat(reply.text()).isEqualTo("ABC".repeat(100_000));
	}

	@Test // case 69
	void streamsFluxOfBuffers() {
		Reply reply = server.post(TASK + "app.tasks.stream", "{\"input\":{\"__type\":\"Undefined\",\"value\":null}}");
		assertThat(reply.status()).isEqualTo(200);
		assertStreamHeaders(reply);
		assertThat(reply.headerValues("content-type")).containsExactly("application/octet-stream");
		assertThat(reply.text()).isEqualTo("hello world");
	}

	@Test // case 70
	void appliesStreamStatusTypeAndHeadersButNotForbiddenOnes() {
		Reply reply = server.post(TASK + "app.tasks.streamWrapped", "");
		assertThat(reply.status()).isEqualTo(201);
		assertStreamHeaders(reply);
		assertThat(reply.headerValues("content-type")).containsExactly("text/plain");
		assertThat(reply.headerValues("x-custom")).containsExactly("1");
		assertThat(reply.header("set-cookie")).isNull();
		assertThat(reply.text()).isEqualTo("abc");
	}

	@Test // case 71
	void leavesResponseWrittenByTaskAlone() {
		Reply reply = server.post(TASK + "app.tasks.hijack", "");
		assertThat(reply.status()).isEqualTo(202);
		assertThat(reply.header("content-type")).isEqualTo("text/csv");
		assertThat(reply.text()).isEqualTo("a,b");
		assertThat(reply.trailing()).isZero();
	}

	@Test
	void streamsResourceAndInputStreamOffTheEventLoop() {
		Reply resource = server.post(TASK + "app.tasks.resource", "");
		assertThat(resource.status()).isEqualTo(200);
		assertStreamHeaders(resource);
		assertThat(resource.text()).isEqualTo("from a resource");
		Reply stream = server.post(TASK + "app.tasks.inputStream", "");
		assertThat(stream.status()).isEqualTo(200);
		assertStreamHeaders(stream);
		assertThat(stream.text()).isEqualTo("from a stream");
		assertThat(signals().inputStreamThread).startsWith("boundedElastic");
	}

	@Test
	void answersEnvelopeWhenStreamFailsBeforeItsFirstBuffer() {
		assertEnvelope(server.post(TASK + "app.tasks.streamFails", ""), 500, error("Internal Error", "INTERNAL_ERROR"));
	}

	@Test
	void cutsAnswerShortWhenStreamFailsAfterItsFirstBuffer() throws Exception {
		try (Socket socket = socket()) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + TASK + "app.tasks.streamFailsLater HTTP/1.1\r\nHost: x\r\nx-runner-token: secret\r\n"
					+ "content-length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(received).startsWith("HTTP/1.1 200").contains("first").doesNotEndWith("0\r\n\r\n");
		}
		assertEnvelope(server.post(TASK + "app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test // §11: a client that goes away cancels the handler's stream
	void cancelsStreamWhenClientGoesAway() throws Exception {
		try (Socket socket = socket()) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + TASK + "app.tasks.endless HTTP/1.1\r\nHost: x\r\nx-runner-token: secret\r\n"
					+ "content-length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String head = readUntil(in, "tick 3");
			assertThat(head).startsWith("HTTP/1.1 200").contains("transfer-encoding: chunked");
		}
		assertThat(signals().streamCancelled.await(10, TimeUnit.SECONDS)).as("stream cancelled").isTrue();
		assertEnvelope(server.post(TASK + "app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test // §11: a client that goes away mid-upload cancels the task
	void cancelsTaskWhenClientAbortsUpload() throws Exception {
		byte[] start = new Multipart().manifest("{\"input\":" + sentinel("F1", "{\"name\":\"big\"}") + "}")
			.unterminated();
		byte[] chunk = new byte[64 * 1024];
		Arrays.fill(chunk, (byte) 'u');
		try (Socket socket = socket()) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + TASK + "app.tasks.slowUpload HTTP/1.1\r\nHost: x\r\nx-runner-token: secret\r\n"
					+ "content-type: " + Multipart.CONTENT_TYPE + "\r\ncontent-length: 100000000\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(start);
			out.write(("--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file:F1\"; "
					+ "filename=\"big\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			for (int i = 0; i < 8; i++) {
				out.write(chunk);
			}
			out.flush();
			assertThat(signals().uploadStarted.await(10, TimeUnit.SECONDS)).as("upload read").isTrue();
		}
		assertThat(signals().uploadCancelled.await(10, TimeUnit.SECONDS)).as("task cancelled").isTrue();
		assertEnvelope(server.post(TASK + "app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test // §11: an octet-stream body cut short
	void keepsServingAfterOctetBodyCutShort() throws Exception {
		try (Socket socket = socket()) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + TASK + "app.tasks.octetBlocking HTTP/1.1\r\nHost: x\r\nx-runner-token: secret\r\n"
					+ "content-type: application/octet-stream\r\ncontent-length: 1000000\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(new byte[1000]);
			out.flush();
			Thread.sleep(100);
		}
		assertEnvelope(server.post(TASK + "app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	private static String readUntil(InputStream in, String marker) throws Exception {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			seen.write(b);
		}
		return seen.toString(StandardCharsets.ISO_8859_1);
	}

	private static Socket socket() throws Exception {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
		socket.setSoTimeout(10_000);
		return socket;
	}

}
