package dev.runner.spring.tunnel;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer.Reply;
import dev.runner.spring.testsupport.TunnelServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.runner.spring.testsupport.TunnelServer.UUID_V4;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.assertJson;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static dev.runner.spring.testsupport.TunnelServer.withH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids and async context headers: docs/tunnel-http.md §9, §12 and §18 cases 77 and 78 (the
 * {@code allowAsyncContext:false} part of case 78 has no Java counterpart).
 */
class RequestIdIntegrationTests {

	private static final String REQUEST_ID = "/__runner/task/app.tasks.requestId";

	private static final String CONTEXT = "/__runner/task/app.tasks.context";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfilePWithExtras.class, ProfileP.TOKENS)
		.silencingExpectedFailures();

	@ParameterizedTest // case 77
	@ValueSource(strings = { "abc.DEF_1:2-3", "a", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._:-"
			+ "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" })
	void echoesValidRequestIdToCallerAndHandler(String id) {
		assertThat(id).hasSizeLessThanOrEqualTo(128);
		Reply reply = server.request("POST", REQUEST_ID, "{}", withH("x-runner-request-id", id));
		assertJson(reply, 200, ok("\"" + id + "\""));
		assertThat(reply.headerValues("x-runner-request-id")).containsExactly(id);
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.requestId")).containsExactly(id);
	}

	@Test // case 77
	void trimsRequestId() {
		Reply reply = server.request("POST", REQUEST_ID, "{}", withH("x-runner-request-id", "  abc\t "));
		assertJson(reply, 200, ok("\"abc\""));
		assertThat(reply.headerValues("x-runner-request-id")).containsExactly("abc");
	}

	@ParameterizedTest // case 77
	@ValueSource(strings = { "bad id!", "a/b", "ä", "a,b", "{}" })
	void replacesInvalidRequestIdWithFreshUuid(String id) {
		assertFreshId(server.request("POST", REQUEST_ID, "{}", withH("x-runner-request-id", id)));
	}

	@Test // case 77: at most 128 characters
	void replacesRequestIdLongerThan128Characters() {
		String id128 = "x".repeat(128);
		assertThat(server.request("POST", REQUEST_ID, "{}", withH("x-runner-request-id", id128))
			.header("x-runner-request-id")).isEqualTo(id128);
		assertFreshId(server.request("POST", REQUEST_ID, "{}", withH("x-runner-request-id", id128 + "x")));
	}

	@Test // §9: a repeated header is one comma-joined value, hence invalid; an empty one is missing
	void replacesRepeatedOrEmptyRequestIdWithFreshUuid() {
		assertFreshId(server.request("POST", REQUEST_ID, "{}",
				withH("x-runner-request-id", "one", "x-runner-request-id", "two")));
		assertFreshId(server.request("POST", REQUEST_ID, "{}", withH("x-runner-request-id", "")));
	}

	@Test // §9: a generated id is fresh for every request and is the one the handler sees
	void generatesDistinctIdsSeenByHandler() {
		Reply first = server.post(REQUEST_ID, "{}");
		Reply second = server.post(REQUEST_ID, "{}");
		assertFreshId(first);
		assertFreshId(second);
		assertThat(first.header("x-runner-request-id")).isNotEqualTo(second.header("x-runner-request-id"));
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.requestId"))
			.containsExactly(first.header("x-runner-request-id"), second.header("x-runner-request-id"));
	}

	@ParameterizedTest(name = "{0} {1} -> {4}") // case 77: on error responses too
	@CsvSource(delimiter = '|', textBlock = """
			POST | /__runner/task/app.tasks.add    | false | {}   | 401
			POST | /__runner/task/app.tasks.hidden | true  | {}   | 403
			POST | /__runner/foo                   | true  | {}   | 404
			GET  | /__runner/task/app.tasks.add    | true  |      | 405
			POST | /__runner/task/app.tasks.echo   | true  | {bad | 400
			POST | /__runner/task/app.tasks.fail   | true  | {}   | 500
			POST | /__runner/task/app.tasks.typed  | true  | {}   | 409
			""")
	void echoesRequestIdOnErrorResponses(String method, String target, boolean token, @Nullable String body,
			int status) {
		String[] headers = token ? withH("x-runner-request-id", "err-1")
				: new String[] { "x-runner-request-id", "err-1" };
		Reply reply = server.request(method, target, body, headers);
		assertThat(reply.status()).as("%s", reply).isEqualTo(status);
		assertThat(reply.headerValues("x-runner-request-id")).as("%s", reply).containsExactly("err-1");
	}

	@Test // §9: not on preflight
	void sendsNoRequestIdOnPreflight() {
		Reply reply = server.request("OPTIONS", "/__runner/task/app.tasks.add", null, "x-runner-request-id", "pre-1");
		assertThat(reply.status()).isEqualTo(204);
		assertThat(reply.header("x-runner-request-id")).isNull();
	}

	@Test // case 78
	void passesAsyncContextFromHeaderToHandler() {
		String header = "{\"app.ctx.tenant\":\"\\\"acme\\\"\"}";
		assertEnvelope(server.request("POST", CONTEXT, "{}", withH("x-runner-context", header)), 200,
				ok("\"\\\"acme\\\"\""));
	}

	@ParameterizedTest // case 78: a context header that cannot be used is ignored, never an error
	@ValueSource(strings = { "{bad", "{\"app.ctx.other\":\"\\\"acme\\\"\"}", "{\"app.ctx.tenant\":5}", "[]", "null",
			"" })
	void ignoresUnusableAsyncContextHeader(String header) {
		assertEnvelope(server.request("POST", CONTEXT, "{}", withH("x-runner-context", header)), 200, ok("\"none\""));
	}

	@Test // §12: events accept the header too
	void acceptsAsyncContextHeaderOnEvents() {
		assertEnvelope(server.request("POST", "/__runner/event/app.events.notify", "{\"payload\":{}}",
				withH("x-runner-context", "{\"app.ctx.tenant\":\"\\\"acme\\\"\"}")), 200, "{\"ok\":true}");
	}

	@Test // §12: the header is optional
	void reportsNoAsyncContextWithoutHeader() {
		assertEnvelope(server.post(CONTEXT, "{}"), 200, ok("\"none\""));
	}

	private static void assertFreshId(Reply reply) {
		assertThat(reply.status()).as("%s", reply).isEqualTo(200);
		assertThat(reply.headerValues("x-runner-request-id")).as("%s", reply)
			.singleElement()
			.asString()
			.matches(UUID_V4);
		assertThat(reply.text()).isEqualTo(ok("\"" + reply.header("x-runner-request-id") + "\""));
	}

}
