package dev.runner.spring.tunnel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.H;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allow-list and discovery: docs/tunnel-http.md §6 and §18 cases 22-24, 26-28, 30 (cases 25 and 29 do not apply: the
 * allow-list is always on, unregistered ids get 403, discovery is always {@code enabled:true}).
 */
class DiscoveryIntegrationTests {

	/** Profile P's served ids, sorted. */
	private static final String P_DISCOVERY = ok("{\"allowList\":{\"enabled\":true,\"tasks\":[\"app.tasks.add\","
			+ "\"app.tasks.echo\",\"app.tasks.fail\",\"app.tasks.typed\",\"app.tasks.typed500\",\"app.tasks.void\","
			+ "\"app.tasks/slash\"],\"events\":[\"app.events.chain\",\"app.events.fail\",\"app.events.notify\","
			+ "\"app.events.par\",\"app.events.typed\"]}}");

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileP.class, ProfileP.TOKENS);

	@RegisterExtension
	static final TunnelServer noDiscovery = TunnelServer.of(ProfileP.class, ProfileP.TOKENS,
			"runner.discovery.enabled=false");

	@RegisterExtension
	static final TunnelServer patterns = TunnelServer.of(ProfileP.class, ProfileP.TOKENS,
			"runner.exposure.tasks=app.tasks.a*,app.tasks.h*,app.**/slash",
			"runner.exposure.events=app.*,app.events.n*");

	@Test // case 22
	void refusesTaskThatIsNotExposed() {
		assertEnvelope(server.post("/__runner/task/app.tasks.hidden", "{}"), 403,
				error("Task app.tasks.hidden not exposed", "FORBIDDEN"));
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.hidden")).isEmpty();
	}

	@Test // case 23
	void refusesUnregisteredTaskAsNotExposed() {
		assertEnvelope(server.post("/__runner/task/nope", "{}"), 403, error("Task nope not exposed", "FORBIDDEN"));
	}

	@Test // case 24
	void refusesUnregisteredEventAsNotExposed() {
		assertEnvelope(server.post("/__runner/event/app.events.hidden", "{}"), 403,
				error("Event app.events.hidden not exposed", "FORBIDDEN"));
	}

	@ParameterizedTest // cases 26 and 27
	@ValueSource(strings = { "/__runner/discovery", "/__runner/discovery/anything", "/__runner/discovery/",
			"/__runner/discovery/a/b?x=1", "/__runner//discovery" })
	void listsServedIdsSorted(String target) {
		assertEnvelope(server.request("GET", target, null, "x-runner-token", "secret"), 200, P_DISCOVERY);
	}

	@Test // §1: the body of a discovery request is ignored
	void ignoresDiscoveryRequestBody() {
		assertEnvelope(server.request("GET", "/__runner/discovery", "{bad", H), 200, P_DISCOVERY);
	}

	@Test // case 28
	void rejectsDiscoveryWithWrongOrMissingToken() {
		String unauthorized = error("Unauthorized", "UNAUTHORIZED");
		assertEnvelope(server.request("GET", "/__runner/discovery", null, "x-runner-token", "wrong"), 401,
				unauthorized);
		assertEnvelope(server.request("GET", "/__runner/discovery", null), 401, unauthorized);
	}

	@Test // case 30
	void answersNotFoundForDiscoveryWhenDisabledWhateverTheMethodOrToken() {
		String notFound = error("Not Found", "NOT_FOUND");
		assertEnvelope(noDiscovery.request("GET", "/__runner/discovery", null, H), 404, notFound);
		assertEnvelope(noDiscovery.request("POST", "/__runner/discovery", "{}"), 404, notFound);
		assertEnvelope(noDiscovery.request("GET", "/__runner/discovery/x", null, "x-runner-token", "wrong"), 404,
				notFound);
		assertEnvelope(noDiscovery.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test // the README's runner.exposure.*: '*' stops at '.', '**' does not, exposed = false wins
	void servesAndListsOnlyIdsMatchingExposurePatterns() {
		assertEnvelope(patterns.request("GET", "/__runner/discovery", null, H), 200,
				ok("{\"allowList\":{\"enabled\":true,\"tasks\":[\"app.tasks.add\",\"app.tasks/slash\"],"
						+ "\"events\":[\"app.events.notify\"]}}"));
		assertEnvelope(patterns.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
		assertEnvelope(patterns.post("/__runner/task/app.tasks%2Fslash", "{}"), 200, ok("\"slash-ok\""));
		assertEnvelope(patterns.post("/__runner/task/app.tasks.echo", "{}"), 403,
				error("Task app.tasks.echo not exposed", "FORBIDDEN"));
		assertEnvelope(patterns.post("/__runner/task/app.tasks.hidden", "{}"), 403,
				error("Task app.tasks.hidden not exposed", "FORBIDDEN"));
		assertEnvelope(patterns.post("/__runner/event/app.events.fail", "{}"), 403,
				error("Event app.events.fail not exposed", "FORBIDDEN"));
		assertEnvelope(patterns.post("/__runner/event/app.events.notify", "{}"), 200, "{\"ok\":true}");
	}

}
