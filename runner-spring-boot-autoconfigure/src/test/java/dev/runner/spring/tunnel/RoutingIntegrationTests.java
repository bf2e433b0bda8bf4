package dev.runner.spring.tunnel;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer.Reply;
import dev.runner.spring.testsupport.TunnelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.runner.spring.testsupport.TunnelServer.H;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.assertNotHandled;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing and methods: docs/tunnel-http.md §2 and §18 cases 1-13.
 */
class RoutingIntegrationTests {

	private static final String NOT_FOUND = error("Not Found", "NOT_FOUND");

	private static final String METHOD_NOT_ALLOWED = error("Method Not Allowed", "METHOD_NOT_ALLOWED");

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileP.class, ProfileP.TOKENS);

	@RegisterExtension
	static final TunnelServer apiServer = TunnelServer.of(ProfileP.class, ProfileP.TOKENS, "runner.base-path=api/");

	@Test // case 1
	void servesTaskWithStandardHeaders() {
		assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test // case 2
	void unwrapsNothingFromBareObjectBody() {
		assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"a\":1,\"b\":2}"), 200, ok("3"));
	}

	@ParameterizedTest // case 3
	@ValueSource(strings = { "/__runner/task/app.tasks%2Fslash", "/__runner/task/app.tasks/slash",
			"/__runner/task/app.tasks%2fslash" })
	void resolvesEncodedAndRawSlashInTaskId(String target) {
		assertEnvelope(server.post(target, ""), 200, ok("\"slash-ok\""));
	}

	@ParameterizedTest // case 4
	@ValueSource(strings = { "/__runner/task/app.tasks.add/", "/__runner//task//app.tasks.add",
			"/__runner/task/app.tasks.add?x=1", "/__runner/task/app.tasks.add?" })
	void ignoresTrailingSlashEmptySegmentsAndQuery(String target) {
		assertEnvelope(server.post(target, "{\"input\":{\"a\":1,\"b\":1}}"), 200, ok("2"));
	}

	@Test // §2.2 step 1
	void resolvesDotSegmentsBeforeRouting() {
		assertEnvelope(server.post("/__runner/task/../task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":1}}"), 200,
				ok("2"));
		assertEnvelope(server.post("/__runner/event/./../task/./app.tasks.add", "{\"input\":{\"a\":2,\"b\":1}}"), 200,
				ok("3"));
	}

	@Test // §2.2 step 5: decoded once, strict, '+' stays '+'
	void decodesTaskIdOnceWithoutTurningPlusIntoSpace() {
		assertEnvelope(server.post("/__runner/task/a%20b", ""), 403, error("Task a b not exposed", "FORBIDDEN"));
		assertEnvelope(server.post("/__runner/task/a+b", ""), 403, error("Task a+b not exposed", "FORBIDDEN"));
		assertEnvelope(server.post("/__runner/task/a%252Fb", ""), 403, error("Task a%2Fb not exposed", "FORBIDDEN"));
		assertEnvelope(server.post("/__runner/task/caf%C3%A9", ""), 403, error("Task café not exposed", "FORBIDDEN"));
	}

	@ParameterizedTest // case 5
	@ValueSource(strings = { "/__runner/task/%E0%A4%A", "/__runner/task/%ZZ", "/__runner/task/%C3%28",
			"/__runner/event/%E0%A4%A" })
	void answersNotFoundForMalformedEscapeInId(String target) {
		assertEnvelope(server.post(target, "{}"), 404, NOT_FOUND);
	}

	@ParameterizedTest // case 6
	@ValueSource(strings = { "GET /__runner", "POST /__runner/", "POST /__runner/foo/x", "POST /__runner/task",
			"POST /__runner/task/", "POST /__runner/event", "PUT /__runner/foo/x", "GET /__runner/foo" })
	void answersNotFoundUnderBasePathWhenNoEndpointMatches(String request) {
		String[] parts = request.split(" ");
		assertEnvelope(server.request(parts[0], parts[1], parts[0].equals("GET") ? null : "{}", H), 404, NOT_FOUND);
	}

	@Test // §2.3: routing (step 3) before authentication (step 5)
	void answersNotFoundBeforeCheckingToken() {
		assertEnvelope(server.request("POST", "/__runner/foo/x", "{}"), 404, NOT_FOUND);
		assertEnvelope(server.request("POST", "/__runner/task/%E0%A4%A", "{}"), 404, NOT_FOUND);
	}

	@ParameterizedTest // case 8 (the tunnel is mounted in a host application)
	@ValueSource(strings = { "/other", "/__runnerX/task/app.tasks.add", "/api/task/app.tasks.add" })
	void leavesPathsOutsideBasePathToTheHostApplication(String target) {
		assertNotHandled(server.request("GET", target, null, H));
		assertNotHandled(server.request("POST", target, "{\"input\":{\"a\":1,\"b\":1}}", H));
	}

	@Test // case 9
	void normalizesConfiguredBasePath() {
		assertEnvelope(apiServer.post("/api/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
		assertNotHandled(apiServer.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"));
	}

	@Test // case 10
	void checksMethodBeforeToken() {
		assertEnvelope(server.request("GET", "/__runner/task/app.tasks.add", null), 405, METHOD_NOT_ALLOWED);
	}

	@ParameterizedTest // case 11 and §2.4
	@ValueSource(strings = { "GET", "PUT", "PATCH", "DELETE" })
	void refusesMethodsOtherThanPostOnTasksAndEvents(String method) {
		assertEnvelope(server.request(method, "/__runner/event/app.events.notify", "{}", H), 405, METHOD_NOT_ALLOWED);
		assertEnvelope(server.request(method, "/__runner/task/app.tasks.add", "{}", H), 405, METHOD_NOT_ALLOWED);
	}

	@Test // case 12
	void answersHeadWithMethodNotAllowedAndNoBody() {
		for (String target : new String[] { "/__runner/task/app.tasks.add", "/__runner/event/app.events.notify",
				"/__runner/discovery" }) {
			Reply reply = server.request("HEAD", target, null, H);
			assertThat(reply.status()).as("%s", reply).isEqualTo(405);
			assertThat(reply.trailing()).as("body bytes after HEAD %s", target).isZero();
			assertThat(reply.header("content-type")).isEqualTo("application/json; charset=utf-8");
			assertThat(reply.header("x-content-type-options")).isEqualTo("nosniff");
			assertThat(reply.header("x-frame-options")).isEqualTo("DENY");
			assertThat(reply.header("x-runner-request-id")).matches(TunnelServer.UUID_V4);
		}
	}

	@ParameterizedTest // case 13
	@ValueSource(strings = { "POST", "PUT", "DELETE" })
	void refusesMethodsOtherThanGetOnDiscovery(String method) {
		assertEnvelope(server.request(method, "/__runner/discovery", "{}", H), 405, METHOD_NOT_ALLOWED);
	}

}
