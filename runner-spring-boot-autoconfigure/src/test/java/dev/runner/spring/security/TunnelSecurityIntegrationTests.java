package dev.runner.spring.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.socket.SocketClient;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With reactive Spring Security applied and the application's own chain, the tunnel and the socket answer exactly as without it (the token decides,
 * no CSRF, no login redirect, no headers of Spring Security's, encoded {@code /} in ids), while the application's
 * other paths keep its security: its own chain, or Boot's default one.
 */
class TunnelSecurityIntegrationTests {

	static final String[] TOKEN = { "x-runner-token", "secret", "content-type", "application/json" };


	@RegisterExtension
	// Boot's generated user, which it leaves out when a resource server is on the class path (as here) unless
	// spring.security.user.* is set
	static final TunnelServer server = TunnelServer.of(SecuredApps.WithOwnChain.class, "runner.auth.tokens=secret",
			"spring.security.user.name=user")
		.withSpringSecurity()
		.silencingExpectedFailures();

	@Test
	void tasksAnswerWithTheTokenAlone() {
		Reply reply = server.request("POST", "/__runner/task/app.tasks.add", "{\"input\":[1,2]}", TOKEN);
		TunnelServer.assertEnvelope(reply, 200, TunnelServer.ok("3"));
		assertThat(reply.header("cache-control")).as("no header of Spring Security's").isNull();
		assertThat(reply.header("x-frame-options")).isEqualTo("DENY");
		assertThat(reply.header("set-cookie")).isNull();
	}

	@Test
	void wrongTokenIsTheProtocolsRefusalNotALoginPage() {
		Reply reply = server.request("POST", "/__runner/task/app.tasks.add", "{\"input\":[1,2]}",
				"x-runner-token", "wrong", "content-type", "application/json");
		TunnelServer.assertEnvelope(reply, 401, TunnelServer.error("Unauthorized", "UNAUTHORIZED"));
		assertThat(reply.header("www-authenticate")).isNull();
		assertThat(reply.header("location")).isNull();
	}

	@Test
	void encodedSlashInAnIdIsServed() {
		Reply reply = server.request("POST", "/__runner/task/app%2Fslashed", "{\"input\":\"x\"}", TOKEN);
		TunnelServer.assertEnvelope(reply, 200, TunnelServer.ok("\"got x\""));
	}

	@Test
	void theTunnelsOwnAnswersStay() {
		TunnelServer.assertEnvelope(server.request("GET", "/__runner/task/app.tasks.add", null, TOKEN), 405,
				TunnelServer.error("Method Not Allowed", "METHOD_NOT_ALLOWED"));
		TunnelServer.assertEnvelope(server.request("POST", "/__runner/nothing", "{}", TOKEN), 404,
				TunnelServer.error("Not Found", "NOT_FOUND"));
		assertThat(server.request("GET", "/__runner/discovery", null, TOKEN).status()).isEqualTo(200);
		assertThat(server.request("GET", "/__runner/schema", null, TOKEN).status()).isEqualTo(200);
	}

	@Test
	void socketAuthenticatesWithTheToken() {
		try (SocketClient socket = SocketClient.authenticated(server.port())) {
			socket.send("{\"type\":\"task\",\"id\":\"r1\",\"task\":\"app.tasks.add\",\"input\":[2,3]}");
			assertThat(socket.next().toString()).isEqualTo("{\"type\":\"result\",\"id\":\"r1\",\"ok\":true,\"result\":5}");
		}
	}

	@Test
	void theApplicationsPathsKeepItsChain() {
		Reply page = server.request("GET", "/hello", null);
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("location")).endsWith("/login");
		assertThat(server.request("POST", "/hello", "x", "content-type", "text/plain").status())
			.as("CSRF still guards the application's POSTs").isEqualTo(403);
		assertThat(server.request("GET", "/hello%2Fthere", null).status())
			.as("Spring Security's firewall still guards the application's paths").isEqualTo(400);
	}

}
