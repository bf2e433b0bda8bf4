package dev.runner.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;

import dev.runner.spring.socket.SocketClient;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct route of docs/tunnel-http.md §2.6 as such (the conformance suites run on it too, in the build's
 * {@code direct-route} execution): it answers ahead of WebFlux's handler mappings, leaves the socket to WebFlux,
 * keeps {@code http.server.requests}, serves beside the starter's Spring Security chain, and is refused at start-up
 * when the application relies on what it skips.
 */
class DirectRouteIntegrationTests {

	private static final String DIRECT = "runner.direct-route.enabled=true";

	@RegisterExtension
	static final TunnelServer webFlux = TunnelServer.of(ShadowingApp.class, ProfileP.TOKENS,
			"runner.direct-route.enabled=false");

	@RegisterExtension
	static final TunnelServer direct = TunnelServer.of(ShadowingApp.class, ProfileP.TOKENS, DIRECT);

	@RegisterExtension
	static final TunnelServer securedDirect = TunnelServer.of(ProfileP.class, ProfileP.TOKENS, DIRECT)
		.withSpringSecurity();

	@Test
	void answersAheadOfWebFluxsHandlerMappings() {
		String target = "/__runner/task/shadowed";
		assertThat(webFlux.post(target, "{}").status()).as("WebFlux asks the application's mapping first")
			.isEqualTo(418);
		TunnelServer.Reply reply = direct.post(target, "{}");
		assertThat(reply.status()).as("the direct route asks no mapping").isNotEqualTo(418);
		assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("\"ok\":false");
	}

	@Test
	void servesTasksAndLeavesTheSocketToWebFlux() {
		assertEnvelope(direct.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":2,\"b\":3}}"), 200,
				"{\"ok\":true,\"result\":5}");
		try (SocketClient client = SocketClient.authenticated(direct.port())) {
			client.send("{\"type\":\"task\",\"id\":\"t\",\"task\":\"app.tasks.add\",\"input\":{\"a\":4,\"b\":5}}");
			assertThat(client.next().path("result").asInt()).isEqualTo(9);
		}
	}

	@Test
	void keepsHttpServerRequestsWithTheTunnelsPatterns() {
		direct.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":1}}");
		assertThat(direct.bean(MeterRegistry.class)
			.find("http.server.requests")
			.tags("uri", "/__runner/task/{taskId}", "status", "200")
			.timer()).isNotNull();
	}

	@Test
	void servesBesideTheStartersSpringSecurityChain() {
		assertEnvelope(securedDirect.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200,
				"{\"ok\":true,\"result\":3}");
		assertThat(securedDirect.request("POST", "/__runner/task/app.tasks.add", "{}", "content-type",
				"application/json").status()).isEqualTo(401);
	}

	@Test
	void isRefusedWhenTheApplicationHasAWebFilter() {
		assertThatThrownBy(() -> TunnelServer.of(FilteredApp.class, ProfileP.TOKENS, DIRECT).beforeAll(null))
			.hasStackTraceContaining("runner.direct-route.enabled=true is refused")
			.hasStackTraceContaining("WebFilter bean 'auditFilter'");
	}

	@Test
	void isRefusedWhenTheApplicationsOwnSecurityChainHasTheTunnel() {
		assertThatThrownBy(
				() -> TunnelServer.of(OwnTunnelChainApp.class, ProfileP.TOKENS, DIRECT).withSpringSecurity().beforeAll(null))
			.hasStackTraceContaining("the application's own 'runnerSecurityWebFilterChain' bean");
	}

	@Test
	void isRefusedUnderAWebFluxBasePath() {
		assertThatThrownBy(() -> TunnelServer.of(ProfileP.class, ProfileP.TOKENS, DIRECT, "spring.webflux.base-path=/app")
			.beforeAll(null)).hasStackTraceContaining("spring.webflux.base-path is set ('/app')");
	}

	/** ProfileP's tasks, and a mapping of the application's own, ahead of the tunnel's, for one path under it. */
	@Configuration(proxyBeanMethods = false)
	@Import(ProfileP.class)
	static class ShadowingApp {

		@Bean
		HandlerMapping shadowingMapping() {
			WebHandler teapot = (exchange) -> {
				exchange.getResponse().setStatusCode(HttpStatus.I_AM_A_TEAPOT);
				DataBuffer body = exchange.getResponse().bufferFactory().wrap("teapot".getBytes(StandardCharsets.UTF_8));
				return exchange.getResponse().writeWith(Mono.just(body));
			};
			SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/__runner/task/shadowed", teapot));
			mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return mapping;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ProfileP.class)
	static class FilteredApp {

		@Bean
		WebFilter auditFilter() {
			return (exchange, chain) -> chain.filter(exchange);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ProfileP.class)
	static class OwnTunnelChainApp {

		@Bean
		SecurityWebFilterChain runnerSecurityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

	}

}
