package dev.runner.spring.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;
import dev.runner.spring.autoconfigure.RunnerSpringSecurityAutoConfiguration;
import dev.runner.spring.autoconfigure.RunnerWebFluxAutoConfiguration;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.socket.SocketClient;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner.auth.mode=spring-security} with HTTP basic over the application's {@code ReactiveUserDetailsService},
 * and the start-up failure without any authentication bean.
 */
class SpringSecurityBasicModeIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SpringSecurityModeApps.BasicUsers.class,
			"runner.auth.mode=spring-security")
		.withSpringSecurity()
		.silencingExpectedFailures();

	private static Reply call(String task, String user, String password) {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return server.request("POST", "/__runner/task/" + task, "{\"input\":null}", "authorization", "Basic " + basic,
				"content-type", "application/json");
	}

	@Test
	void basicCredentialsAuthenticateAndAreThePrincipal() {
		TunnelServer.assertEnvelope(call("app.tasks.whoami", "alice", "alice-pw"), 200,
				TunnelServer.ok("\"SPRING_SECURITY:alice\""));
	}

	@Test
	void aWrongPasswordOrUnknownUserIsTheProtocolsRefusalNotAChallenge() {
		for (Reply reply : new Reply[] { call("app.tasks.whoami", "alice", "wrong"),
				call("app.tasks.whoami", "nobody", "x") }) {
			TunnelServer.assertEnvelope(reply, 401, TunnelServer.error("Unauthorized", "UNAUTHORIZED"));
			assertThat(reply.header("www-authenticate")).isNull();
		}
	}

	@Test
	void preAuthorizeJudgesTheUsersAuthorities() {
		TunnelServer.assertEnvelope(call("app.tasks.admin", "alice", "alice-pw"), 403,
				TunnelServer.error("Access Denied", "FORBIDDEN"));
		TunnelServer.assertEnvelope(call("app.tasks.admin", "root", "root-pw"), 200, TunnelServer.ok("\"admin ok\""));
	}

	@Test
	void aSocketAuthFrameMayCarryBasicCredentials() {
		String basic = Base64.getEncoder().encodeToString("root:root-pw".getBytes(StandardCharsets.UTF_8));
		try (SocketClient socket = SocketClient.to(server.port()).connect()) {
			socket.send("{\"type\":\"auth\",\"token\":\"Basic " + basic + "\"}");
			assertThat(socket.next().get("type").asString()).isEqualTo("ready");
			socket.send("{\"type\":\"task\",\"id\":\"r1\",\"task\":\"app.tasks.admin\"}");
			assertThat(socket.next().toString())
				.isEqualTo("{\"type\":\"result\",\"id\":\"r1\",\"ok\":true,\"result\":\"admin ok\"}");
		}
	}

	@Test
	void startUpFailsWithoutAnAuthenticationBean() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
					RunnerSpringSecurityAutoConfiguration.class))
			.withUserConfiguration(TasksOnly.class)
			.withPropertyValues("runner.auth.mode=spring-security")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("runner.auth.mode=spring-security needs one of the application's Spring Security "
						+ "authentication beans"));
	}

	@Test
	void tokenModeStaysTheDefault() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
					RunnerSpringSecurityAutoConfiguration.class))
			.withUserConfiguration(SpringSecurityModeApps.BasicUsers.class)
			.withPropertyValues("runner.auth.tokens=secret")
			.run((context) -> assertThat(context.getBean(RunnerAuthenticator.class))
				.isInstanceOf(dev.runner.spring.core.TokenAuthenticator.class));
	}

	@Configuration(proxyBeanMethods = false)
	@Import(SpringSecurityModeApps.Tasks.class)
	static class TasksOnly {

	}

}
