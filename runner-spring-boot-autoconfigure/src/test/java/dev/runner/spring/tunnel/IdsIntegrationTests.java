package dev.runner.spring.tunnel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.H;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.ok;

/**
 * Task and event ids that the protocol can address but that are not dotted words (docs/tunnel-http.md §2.2): white
 * space, control characters and {@code /} inside an id start and are served, as the Node exposure serves any id
 * string; the exposure patterns of runner.exposure.* match them ({@code conf.**} serves {@code conf.a/b c}).
 */
class IdsIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(OddIds.class, "runner.auth.tokens=secret",
			"runner.exposure.tasks=conf.**,tab*", "runner.exposure.events=conf.**");

	@Test
	void servesTaskWhoseIdHasASpaceAndASlash() {
		assertEnvelope(server.post("/__runner/task/conf.a/b%20c", "{}"), 200, ok("\"conf\""));
		assertEnvelope(server.post("/__runner/task/conf.a%2Fb%20c", "{}"), 200, ok("\"conf\""));
	}

	@Test
	void servesTaskWhoseIdHasAControlCharacter() {
		assertEnvelope(server.post("/__runner/task/tab%09id", "{}"), 200, ok("\"tab\""));
	}

	@Test
	void servesEventWhoseIdHasASpace() {
		assertEnvelope(server.post("/__runner/event/conf.events.user%20created", "{\"payload\":1}"), 200,
				"{\"ok\":true}");
	}

	@Test
	void listsTheIdsInDiscovery() {
		assertEnvelope(server.request("GET", "/__runner/discovery", null, H), 200,
				ok("{\"allowList\":{\"enabled\":true,\"tasks\":[\"conf.a/b c\",\"tab\\tid\"],"
						+ "\"events\":[\"conf.events.user created\"]}}"));
	}

	static class OddIds {

		@RunnerTask("conf.a/b c")
		String conf() {
			return "conf";
		}

		@RunnerTask("tab\tid")
		String tab() {
			return "tab";
		}

		@RunnerEvent("conf.events.user created")
		void created(Object payload) {
		}

	}

}
