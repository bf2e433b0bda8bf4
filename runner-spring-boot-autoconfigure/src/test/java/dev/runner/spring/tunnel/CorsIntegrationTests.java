package dev.runner.spring.tunnel;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer.Reply;
import dev.runner.spring.testsupport.TunnelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.assertJson;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static dev.runner.spring.testsupport.TunnelServer.withH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS: docs/tunnel-http.md §7 and §18 cases 72-76, with {@code runner.cors.allowed-origins} always a list (the request
 * origin is echoed when listed, with {@code Vary: Origin}; the default {@code *} gives {@code *} and no Vary).
 */
class CorsIntegrationTests {

	private static final String ADD = "/__runner/task/app.tasks.add";

	private static final String ADD_BODY = "{\"input\":{\"a\":1,\"b\":2}}";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileP.class, ProfileP.TOKENS);

	@RegisterExtension
	static final TunnelServer configured = TunnelServer.of(ProfileP.class, ProfileP.TOKENS,
			"runner.cors.allowed-origins=http://a.test", "runner.cors.allow-credentials=true",
			"runner.cors.exposed-headers=x-runner-request-id", "runner.cors.max-age=600",
			"runner.cors.allowed-headers=content-type,x-runner-token", "runner.cors.allowed-methods=POST");

	@RegisterExtension
	static final TunnelServer credentialsOnly = TunnelServer.of(ProfileP.class, ProfileP.TOKENS,
			"runner.cors.allow-credentials=true");

	@RegisterExtension
	static final TunnelServer originsAndPatterns = TunnelServer.of(ProfileP.class, ProfileP.TOKENS,
			"runner.cors.allowed-origins=http://fixed.test", "runner.cors.allowed-origin-patterns=http://*.pat.test",
			"runner.cors.max-age=10m");

	@ParameterizedTest // case 72
	@ValueSource(strings = { ADD, "/__runner/zzz", "/__runner/discovery", "/__runner/event/app.events.notify",
			"/__runner/task/nope", "/__runner" })
	void answersPreflightByDefaultWithoutAuthentication(String target) {
		Reply reply = server.request("OPTIONS", target, null, "Origin", "http://x.test",
				"Access-Control-Request-Headers", "content-type,x-runner-token");
		assertPreflight(reply);
		assertThat(reply.headerValues("access-control-allow-origin")).containsExactly("*");
		assertThat(reply.headerValues("access-control-allow-methods")).containsExactly("POST, OPTIONS");
		assertThat(reply.headerValues("access-control-allow-headers")).containsExactly("content-type,x-runner-token");
		assertThat(reply.varyTokens()).doesNotContain("origin");
		assertThat(reply.header("access-control-allow-credentials")).isNull();
		assertThat(reply.header("access-control-max-age")).isNull();
	}

	@Test // §7: what browsers send (Origin and Access-Control-Request-Method) is answered by the tunnel too
	void answersBrowserPreflightByDefault() {
		Reply reply = server.request("OPTIONS", ADD, null, "Origin", "http://x.test", "Access-Control-Request-Method",
				"POST", "Access-Control-Request-Headers", "content-type,x-runner-token");
		assertPreflight(reply);
		assertThat(reply.headerValues("access-control-allow-origin")).containsExactly("*");
		assertThat(reply.headerValues("access-control-allow-methods")).containsExactly("POST, OPTIONS");
		assertThat(reply.headerValues("access-control-allow-headers")).containsExactly("content-type,x-runner-token");
		assertThat(reply.varyTokens()).doesNotContain("origin");
	}

	@Test // §7: no Origin nor Access-Control-Request-Method needed; no requested headers, no Allow-Headers
	void answersBareOptionsAsPreflight() {
		Reply reply = server.request("OPTIONS", ADD, null);
		assertPreflight(reply);
		assertThat(reply.headerValues("access-control-allow-origin")).containsExactly("*");
		assertThat(reply.headerValues("access-control-allow-methods")).containsExactly("POST, OPTIONS");
		assertThat(reply.header("access-control-allow-headers")).isNull();
		Reply withToken = server.request("OPTIONS", ADD, null, withH("Access-Control-Request-Method", "POST"));
		assertPreflight(withToken);
	}

	@Test // case 72 (actual response) and §4.1
	void allowsAnyOriginOnActualResponseByDefault() {
		Reply reply = server.request("POST", ADD, ADD_BODY, withH("Origin", "http://x.test"));
		assertEnvelope(reply, 200, ok("3"));
		assertThat(reply.varyTokens()).doesNotContain("origin");
		assertThat(reply.header("access-control-allow-credentials")).isNull();
		assertThat(reply.header("access-control-expose-headers")).isNull();
	}

	@Test // case 73
	void answersConfiguredPreflightForListedOrigin() {
		Reply reply = configured.request("OPTIONS", ADD, null, "Origin", "http://a.test",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-other");
		assertConfiguredPreflight(reply);
		assertThat(reply.headerValues("access-control-allow-origin")).containsExactly("http://a.test");
	}

	@Test // case 73
	void answersConfiguredPreflightWithoutAllowOriginForUnlistedOrigin() {
		Reply reply = configured.request("OPTIONS", ADD, null, "Origin", "http://b.test",
				"Access-Control-Request-Method", "POST");
		assertConfiguredPreflight(reply);
		assertThat(reply.header("access-control-allow-origin")).isNull();
	}

	@Test // case 74
	void addsConfiguredHeadersToActualResponseForListedOrigin() {
		Reply reply = configured.request("POST", ADD, ADD_BODY, withH("Origin", "http://a.test"));
		assertConfiguredActual(reply);
		assertThat(reply.headerValues("access-control-allow-origin")).containsExactly("http://a.test");
	}

	@Test // case 74: the call is still served, only the browser is left without Allow-Origin
	void servesActualRequestFromUnlistedOriginWithoutAllowOrigin() {
		Reply reply = configured.request("POST", ADD, ADD_BODY, withH("Origin", "http://b.test"));
		assertConfiguredActual(reply);
		assertThat(reply.header("access-control-allow-origin")).isNull();
	}

	@Test // case 75
	void deniesEveryOriginWhenOnlyCredentialsAreConfigured() {
		Reply preflight = credentialsOnly.request("OPTIONS", ADD, null, "Origin", "http://x.test",
				"Access-Control-Request-Method", "POST");
		assertPreflight(preflight);
		Reply actual = credentialsOnly.request("POST", ADD, ADD_BODY, withH("Origin", "http://x.test"));
		assertJson(actual, 200, ok("3"));
		for (Reply reply : new Reply[] { preflight, actual }) {
			assertThat(reply.header("access-control-allow-origin")).as("%s", reply).isNull();
			assertThat(reply.varyTokens()).as("%s", reply).contains("origin");
			assertThat(reply.headerValues("access-control-allow-credentials")).as("%s", reply).containsExactly("true");
		}
	}

	@ParameterizedTest // case 76 with list semantics, and origin patterns
	@ValueSource(strings = { "http://fixed.test", "http://x.pat.test" })
	void echoesOriginListedOrMatchingAPattern(String origin) {
		Reply preflight = originsAndPatterns.request("OPTIONS", ADD, null, "Origin", origin,
				"Access-Control-Request-Method", "POST");
		assertPreflight(preflight);
		assertThat(preflight.headerValues("access-control-max-age")).containsExactly("600");
		Reply actual = originsAndPatterns.request("POST", ADD, ADD_BODY, withH("Origin", origin));
		assertJson(actual, 200, ok("3"));
		for (Reply reply : new Reply[] { preflight, actual }) {
			assertThat(reply.headerValues("access-control-allow-origin")).as("%s", reply).containsExactly(origin);
			assertThat(reply.varyTokens()).as("%s", reply).contains("origin");
			assertThat(reply.header("access-control-allow-credentials")).as("%s", reply).isNull();
		}
	}

	@ParameterizedTest // case 76 with list semantics
	@ValueSource(strings = { "http://other.test", "http://pat.test", "https://fixed.test", "null" })
	void leavesOutAllowOriginForOriginNeitherListedNorMatching(String origin) {
		Reply preflight = originsAndPatterns.request("OPTIONS", ADD, null, "Origin", origin,
				"Access-Control-Request-Method", "POST");
		assertPreflight(preflight);
		Reply actual = originsAndPatterns.request("POST", ADD, ADD_BODY, withH("Origin", origin));
		assertJson(actual, 200, ok("3"));
		for (Reply reply : new Reply[] { preflight, actual }) {
			assertThat(reply.header("access-control-allow-origin")).as("%s", reply).isNull();
			assertThat(reply.varyTokens()).as("%s", reply).contains("origin");
		}
	}

	/**
	 * §7 preflight: 204, empty, and none of the JSON response headers. Node sends {@code content-length: 0}; RFC 9110
	 * forbids a Content-Length on a 204 and Reactor Netty drops it, so either is accepted.
	 */
	private static void assertPreflight(Reply reply) {
		assertThat(reply.status()).as("%s", reply).isEqualTo(204);
		assertThat(reply.body()).as("%s", reply).isEmpty();
		assertThat(reply.trailing()).as("%s", reply).isZero();
		assertThat(reply.headerValues("content-length")).as("%s", reply).isSubsetOf("0");
		assertThat(reply.header("x-runner-request-id")).as("%s", reply).isNull();
		assertThat(reply.header("x-content-type-options")).as("%s", reply).isNull();
		assertThat(reply.header("x-frame-options")).as("%s", reply).isNull();
		assertThat(reply.header("content-type")).as("%s", reply).isNull();
	}

	/** Case 73 apart from Allow-Origin. */
	private static void assertConfiguredPreflight(Reply reply) {
		assertPreflight(reply);
		assertThat(reply.headerValues("access-control-allow-credentials")).as("%s", reply).containsExactly("true");
		assertThat(reply.headerValues("access-control-allow-headers")).as("%s", reply)
			.containsExactly("content-type, x-runner-token");
		assertThat(reply.headerValues("access-control-allow-methods")).as("%s", reply).containsExactly("POST");
		assertThat(reply.headerValues("access-control-max-age")).as("%s", reply).containsExactly("600");
		assertThat(reply.varyTokens()).as("%s", reply).contains("origin");
	}

	/** Case 74 apart from Allow-Origin. */
	private static void assertConfiguredActual(Reply reply) {
		assertJson(reply, 200, ok("3"));
		assertThat(reply.headerValues("access-control-allow-credentials")).as("%s", reply).containsExactly("true");
		assertThat(reply.headerValues("access-control-expose-headers")).as("%s", reply)
			.containsExactly("x-runner-request-id");
		assertThat(reply.varyTokens()).as("%s", reply).contains("origin");
	}

}
