package dev.runner.spring.tunnel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer.Connection;
import dev.runner.spring.testsupport.TunnelServer.Reply;
import dev.runner.spring.testsupport.TunnelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.runner.spring.testsupport.TunnelServer.H;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures of tasks and requests: docs/tunnel-http.md §4.3-§4.5, §11 and §18 cases 42-44, 47, 79, 80, plus the
 * {@code INVALID_INPUT} improvement of the README's "Errors" (replacing case 46). Case 45 does not apply (no remediation).
 */
class ErrorsIntegrationTests {

	private static final String INTERNAL_ERROR = error("Internal Error", "INTERNAL_ERROR");

	private static final String REQUEST_ABORTED = error("Client Closed Request", "REQUEST_ABORTED");

	private static final String ADD = "/__runner/task/app.tasks.add";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfilePWithExtras.class, ProfileP.TOKENS)
		.silencingExpectedFailures();

	@Test // case 42
	void masksUntypedFailure() {
		assertEnvelope(server.post("/__runner/task/app.tasks.fail", "{}"), 500, INTERNAL_ERROR);
		assertThat(recorder().seen("app.tasks.fail")).hasSize(1);
	}

	@Test // case 43
	void sendsTypedErrorWithItsStatus() {
		assertEnvelope(server.post("/__runner/task/app.tasks.typed", "{}"), 409, ProfileP.CONFLICT);
	}

	@Test // case 44
	void sendsTypedErrorWithoutStatusAsServerError() {
		assertEnvelope(server.post("/__runner/task/app.tasks.typed500", "{}"), 500,
				"{\"ok\":false,\"error\":{\"message\":\"{\\\"x\\\":1}\",\"code\":\"INTERNAL_ERROR\","
						+ "\"id\":\"app.errors.Plain\",\"data\":{\"x\":1}}}");
	}

	@Test // §4.5 and RunnerException: an empty message is sent as "Internal Error", data defaults to {}
	void sendsTypedErrorWithEmptyMessageAsInternalError() {
		assertEnvelope(server.post("/__runner/task/app.tasks.typedEmpty", "{}"), 500,
				"{\"ok\":false,\"error\":{\"message\":\"Internal Error\",\"code\":\"INTERNAL_ERROR\","
						+ "\"id\":\"app.errors.Empty\",\"data\":{}}}");
	}

	@ParameterizedTest // the README's "Errors": an input that cannot be converted is a 400, the task does not run
	@ValueSource(strings = { "{\"input\":{\"a\":\"x\",\"b\":2}}", "{\"a\":\"x\",\"b\":2}",
			"{\"input\":{\"a\":[1],\"b\":2}}" })
	void refusesInputThatCannotBeConverted(String body) {
		Reply reply = server.post(ADD, body);
		TunnelServer.assertJson(reply, 400, reply.text());
		assertThat(reply.text()).matches("\\{\"ok\":false,\"error\":\\{\"message\":\"Invalid input\","
				+ "\"code\":\"INVALID_INPUT\",\"id\":\"runner.errors.InvalidInput\",\"data\":\\{\"violations\":"
				+ "\\[\\{\"path\":\"a\",\"message\":\"(?:[^\"\\\\]|\\\\.)+\"}]},\"httpCode\":400}}");
		assertThat(recorder().seen("app.tasks.add")).isEmpty();
	}

	@Test // case 47
	void masksResultThatCannotBeSerialized() {
		assertEnvelope(server.post("/__runner/task/app.tasks.cyclic", "{}"), 500, INTERNAL_ERROR);
	}

	@Test // case 80
	void answersClientClosedRequestWhenTaskIsCancelled() {
		assertEnvelope(server.post("/__runner/task/app.tasks.cancel", "{}"), 499, REQUEST_ABORTED);
	}

	@ParameterizedTest // case 79
	@ValueSource(booleans = { true, false })
	void doesNotRunTaskWhenClientAbortsWhileSendingBody(boolean halfClose) throws IOException {
		try (Connection connection = server.connect()) {
			connection.writeRaw("POST /__runner/task/app.tasks.echo HTTP/1.1\r\nHost: localhost\r\n"
					+ "x-runner-token: secret\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n"
					+ "{\"input\":1");
			if (halfClose) {
				connection.shutdownOutput();
				Reply reply = connection.readIfAny("POST");
				if (reply != null) {
					assertEnvelope(reply, 499, REQUEST_ABORTED);
				}
			}
		}
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> recorder().seen("app.tasks.echo").isEmpty());
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{\"input\":1}"), 200, ok("1"));
	}

	@Test // one connection survives client errors
	void servesGoodRequestAfterBadOnesOnTheSameConnection() throws IOException {
		try (Connection connection = server.connect()) {
			assertEnvelope(send(connection, "/__runner/task/app.tasks.echo", "{bad"), 400,
					error("Invalid JSON body", "INVALID_JSON"));
			assertEnvelope(send(connection, "/__runner/task/app.tasks.fail", "{}"), 500, INTERNAL_ERROR);
			assertEnvelope(send(connection, "/__runner/task/nope", "{}"), 403,
					error("Task nope not exposed", "FORBIDDEN"));
			assertThat(send(connection, ADD, "{\"input\":{\"a\":\"x\",\"b\":2}}").status()).isEqualTo(400);
			assertEnvelope(send(connection, ADD, "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
		}
	}

	@Test // and so does the server
	void servesGoodRequestAfterBadOnes() {
		assertEnvelope(server.post("/__runner/task/app.tasks.echo", "{bad"), 400,
				error("Invalid JSON body", "INVALID_JSON"));
		assertEnvelope(server.post("/__runner/task/app.tasks.cancel", "{}"), 499, REQUEST_ABORTED);
		assertEnvelope(server.post(ADD, "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	private static Reply send(Connection connection, String target, String body) throws IOException {
		return connection.exchange("POST", target, body.getBytes(StandardCharsets.UTF_8), false, false, H);
	}

	private static ProfileP.Recorder recorder() {
		return server.bean(ProfileP.Recorder.class);
	}

}
