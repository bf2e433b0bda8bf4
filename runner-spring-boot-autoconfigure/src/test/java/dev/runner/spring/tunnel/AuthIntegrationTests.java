package dev.runner.spring.tunnel;

import dev.runner.spring.RunnerAuthValidator;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication: docs/tunnel-http.md §5 and §18 cases 14-18, 20, 21 (case 19 does not apply: the allow-list is always
 * on).
 */
class AuthIntegrationTests {

	private static final String ADD = "/__runner/task/app.tasks.add";

	private static final String ADD_BODY = "{\"input\":{\"a\":1,\"b\":2}}";

	private static final String UNAUTHORIZED = error("Unauthorized", "UNAUTHORIZED");

	private static final String AUTH_NOT_CONFIGURED = error("Authentication not configured.", "AUTH_NOT_CONFIGURED");

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileP.class, ProfileP.TOKENS).silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer unconfigured = TunnelServer.of(ProfileP.class).silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer customHeader = TunnelServer.of(ProfileP.class, "runner.auth.tokens=k1,k2",
			"runner.auth.header=X-Api-Key").silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer tokenAndAnonymous = TunnelServer.of(ProfileP.class, "runner.auth.tokens=t",
			"runner.auth.allow-anonymous=true").silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer anonymous = TunnelServer.of(ProfileP.class, "runner.auth.allow-anonymous=true")
		.silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer validated = TunnelServer.of(TenantValidators.class, "runner.auth.allow-anonymous=true")
		.silencingExpectedFailures();

	@Test // case 14
	void rejectsCallWithoutToken() {
		assertEnvelope(server.request("POST", ADD, ADD_BODY, "content-type", "application/json"), 401, UNAUTHORIZED);
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.add")).isEmpty();
	}

	@ParameterizedTest // case 15
	@ValueSource(strings = { "wrong", "Secret", "secretsecret", "secre", "" })
	void rejectsCallWithWrongToken(String token) {
		assertEnvelope(server.request("POST", ADD, ADD_BODY, "x-runner-token", token), 401, UNAUTHORIZED);
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.add")).isEmpty();
	}

	@Test // §5: the header name is compared case-insensitively
	void acceptsTokenWhateverTheCaseOfTheHeaderName() {
		assertEnvelope(server.request("POST", ADD, ADD_BODY, "X-RUNNER-TOKEN", "secret"), 200, ok("3"));
	}

	@Test // §5: auth applies identically to task, event and discovery
	void rejectsEventAndDiscoveryWithoutToken() {
		assertEnvelope(server.request("POST", "/__runner/event/app.events.notify", "{\"payload\":{}}"), 401,
				UNAUTHORIZED);
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.events.notify")).isEmpty();
		assertEnvelope(server.request("GET", "/__runner/discovery", null), 401, UNAUTHORIZED);
	}

	@Test // case 16
	void failsClosedWhenNoAuthIsConfigured() {
		assertEnvelope(unconfigured.request("POST", ADD, ADD_BODY), 500, AUTH_NOT_CONFIGURED);
		assertEnvelope(unconfigured.post(ADD, ADD_BODY), 500, AUTH_NOT_CONFIGURED);
		assertEnvelope(unconfigured.request("GET", "/__runner/discovery", null), 500, AUTH_NOT_CONFIGURED);
		assertEnvelope(unconfigured.request("POST", "/__runner/event/app.events.notify", "{}"), 500,
				AUTH_NOT_CONFIGURED);
		assertThat(unconfigured.bean(ProfileP.Recorder.class).seen("app.tasks.add")).isEmpty();
	}

	@Test // case 17
	void acceptsAnyConfiguredTokenInConfiguredHeaderOnly() {
		assertEnvelope(customHeader.request("POST", ADD, ADD_BODY, "x-api-key", "k2"), 200, ok("3"));
		assertEnvelope(customHeader.request("POST", ADD, ADD_BODY, "X-Api-Key", "k1"), 200, ok("3"));
		assertEnvelope(customHeader.request("POST", ADD, ADD_BODY, "x-runner-token", "k1"), 401, UNAUTHORIZED);
	}

	@Test // case 18
	void ignoresAllowAnonymousOnceTokensAreConfigured() {
		assertEnvelope(tokenAndAnonymous.request("POST", ADD, ADD_BODY), 401, UNAUTHORIZED);
		assertEnvelope(tokenAndAnonymous.request("POST", ADD, ADD_BODY, "x-runner-token", "t"), 200, ok("3"));
	}

	@Test // §5 fail-closed rule: allowAnonymous with nothing else configured authenticates
	void servesAnonymousCallsWhenAllowedAndNothingElseIsConfigured() {
		assertEnvelope(anonymous.request("POST", ADD, ADD_BODY), 200, ok("3"));
		assertEnvelope(anonymous.request("POST", ADD, ADD_BODY, "x-runner-token", "anything"), 200, ok("3"));
		assertThat(anonymous.request("GET", "/__runner/discovery", null).status()).isEqualTo(200);
	}

	@Test // case 20: validators are asked in order; the presence of one disables allow-anonymous
	void acceptsCallsThatAValidatorAccepts() {
		assertEnvelope(validated.request("POST", ADD, ADD_BODY, "x-tenant", "acme"), 200, ok("3"));
		assertEnvelope(validated.request("POST", ADD, ADD_BODY, "x-tenant", "second"), 200, ok("3"));
		assertThat(validated.request("GET", "/__runner/discovery", null, "x-tenant", "acme").status()).isEqualTo(200);
	}

	@ParameterizedTest // case 20: a refusal, a throwing validator and a failed Mono all count as "no"
	@ValueSource(strings = { "other", "throw", "error", "empty" })
	void rejectsCallsThatNoValidatorAccepts(String tenant) {
		assertEnvelope(validated.request("POST", ADD, ADD_BODY, "x-tenant", tenant), 401, UNAUTHORIZED);
		assertEnvelope(validated.request("POST", ADD, ADD_BODY), 401, UNAUTHORIZED);
	}

	@Test // case 21: authentication (step 5) before the allow-list (step 6)
	void rejectsWrongTokenBeforeCheckingExposure() {
		assertEnvelope(server.request("POST", "/__runner/task/app.tasks.hidden", "{}", "x-runner-token", "wrong"), 401,
				UNAUTHORIZED);
		assertEnvelope(server.request("POST", "/__runner/task/nope", "{}", "x-runner-token", "wrong"), 401,
				UNAUTHORIZED);
		assertEnvelope(server.request("POST", "/__runner/event/app.events.hidden", "{}"), 401, UNAUTHORIZED);
	}

	/**
	 * Profile P without tokens, with two validators: the first accepts tenant {@code acme}, throws for {@code throw},
	 * fails its Mono for {@code error} and completes empty for {@code empty}; the second accepts tenant
	 * {@code second}.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(ProfileP.class)
	static class TenantValidators {

		@Bean
		@Order(1)
		RunnerAuthValidator acmeValidator() {
			return (request) -> {
				String tenant = String.valueOf(request.headers().getFirst("x-tenant"));
				return switch (tenant) {
					case "throw" -> throw new IllegalStateException("validator failure");
					case "error" -> Mono.error(new IllegalStateException("validator failure"));
					case "empty" -> Mono.empty();
					default -> Mono.just(tenant.equals("acme"));
				};
			};
		}

		@Bean
		@Order(2)
		RunnerAuthValidator secondValidator() {
			return (request) -> Mono.just("second".equals(request.headers().getFirst("x-tenant")));
		}

	}

}
