package dev.runner.spring.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With reactive Spring Security applied and no chain of the application's (Boot's default security), the tunnel
 * answers with its token and the application's other paths keep Spring Security's default chain.
 */
class TunnelSecurityFallbackIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SecuredApps.WithBootDefaults.class, "runner.auth.tokens=secret",
			// without actuator's own default chain, which would hide whether the starter keeps the fallback
			"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.actuate.web.reactive."
					+ "ReactiveManagementWebSecurityAutoConfiguration")
		.withSpringSecurity()
		.silencingExpectedFailures();

	@Test
	void tasksAnswerWithTheTokenAlone() {
		TunnelServer.assertEnvelope(server.request("POST", "/__runner/task/app.tasks.add", "{\"input\":[1,2]}",
				TunnelSecurityIntegrationTests.TOKEN), 200, TunnelServer.ok("3"));
	}

	@Test
	void theOtherPathsStaySecured() {
		Reply reply = server.request("GET", "/hello", null);
		assertThat(reply.status()).as("Spring Security's default chain still applies").isEqualTo(401);
		assertThat(reply.header("www-authenticate")).startsWith("Basic");
		assertThat(server.request("GET", "/hello", null, "accept", "text/html").status()).isEqualTo(302);
		assertThat(server.request("GET", "/hello", null, "authorization", "Basic dXNlcjp3cm9uZw==").status())
			.isEqualTo(401);
	}

}
