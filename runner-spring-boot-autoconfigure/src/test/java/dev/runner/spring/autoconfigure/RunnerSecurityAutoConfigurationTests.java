package dev.runner.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import dev.runner.spring.security.TunnelFirewall;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class,
				RunnerSecurityAutoConfiguration.class))
		// Boot's generated user, which it leaves out when a resource server is on the class path (as here) unless
		// spring.security.user.* is set
		.withPropertyValues("spring.security.user.name=user")
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class);

	@Test
	void addsTheTunnelsChainTheFallbackAndTheFirewall() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("runnerSecurityWebFilterChain")
				.hasBean("runnerFallbackSecurityWebFilterChain")
				.getBean(ServerWebExchangeFirewall.class)
				.isInstanceOf(TunnelFirewall.class);
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).hasSize(2);
		});
	}

	@Test
	void noFallbackBesideTheApplicationsChain() {
		this.contextRunner.withBean("applicationChain", SecurityWebFilterChain.class,
				() -> ServerHttpSecurity.http().build())
			.run((context) -> assertThat(context).hasBean("runnerSecurityWebFilterChain")
				.doesNotHaveBean("runnerFallbackSecurityWebFilterChain"));
	}

	@Test
	void backsOffForTheApplicationsOwnTunnelChainAndFirewall() {
		this.contextRunner
			.withBean("runnerSecurityWebFilterChain", SecurityWebFilterChain.class,
					() -> ServerHttpSecurity.http().build())
			.withBean(ServerWebExchangeFirewall.class, StrictServerWebExchangeFirewall::new)
			.run((context) -> {
				assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys(
						"runnerSecurityWebFilterChain", "runnerFallbackSecurityWebFilterChain");
				assertThat(context.getBean(ServerWebExchangeFirewall.class))
					.isInstanceOf(StrictServerWebExchangeFirewall.class);
			});
	}

	@Test
	void nothingWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("runnerSecurityWebFilterChain"));
	}

}
