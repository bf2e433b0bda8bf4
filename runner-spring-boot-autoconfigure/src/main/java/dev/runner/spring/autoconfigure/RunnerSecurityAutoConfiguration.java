package dev.runner.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;

import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.security.TunnelFirewall;
import dev.runner.spring.security.TunnelSecurityChains;

/**
 * Auto-configuration of the tunnel's fit with reactive Spring Security: an ordered chain for the tunnel's paths
 * ({@code runner.base-path} and the socket's path) that leaves authentication to the tunnel's tokens, a firewall that
 * lets the protocol's encoded ids through on those paths only, and, for an application that declares no chain of its
 * own, Spring Security's default chain for every other path (which Spring Security would no longer apply once a chain
 * bean exists). Define a bean named {@code runnerSecurityWebFilterChain} to replace the tunnel's chain, or a
 * {@link ServerWebExchangeFirewall} bean to replace the firewall.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = { RunnerWebFluxAutoConfiguration.class, RunnerSocketAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, SecurityWebFilterChain.class })
@ConditionalOnBean({ RunnerRegistry.class, ServerHttpSecurity.class })
@ConditionalOnBooleanProperty(name = "runner.enabled", matchIfMissing = true)
public final class RunnerSecurityAutoConfiguration {

	private static final String TUNNEL_CHAIN = "runnerSecurityWebFilterChain";

	private static final String FALLBACK_CHAIN = "runnerFallbackSecurityWebFilterChain";

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoApplicationChain.class)
	static class FallbackChainConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		SecurityWebFilterChain runnerFallbackSecurityWebFilterChain(ServerHttpSecurity http) {
			return TunnelSecurityChains.fallback(http);
		}

	}

	/**
	 * Matches when no chain bean but the tunnel's own is defined: the application relies on Spring Security's
	 * fallback chain.
	 */
	static final class NoApplicationChain implements ConfigurationCondition {

		@Override
		public ConfigurationPhase getConfigurationPhase() {
			return ConfigurationPhase.REGISTER_BEAN;
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			if (beanFactory == null) {
				return false;
			}
			for (String name : beanFactory.getBeanNamesForType(SecurityWebFilterChain.class, true, false)) {
				if (!name.equals(TUNNEL_CHAIN) && !name.equals(FALLBACK_CHAIN)) {
					return false;
				}
			}
			return true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TunnelChainConfiguration {

		@Bean
		@Order(TunnelSecurityChains.ORDER)
		@ConditionalOnMissingBean(name = TUNNEL_CHAIN)
		SecurityWebFilterChain runnerSecurityWebFilterChain(ServerHttpSecurity http, RunnerProperties properties) {
			return TunnelSecurityChains.tunnel(http, paths(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		ServerWebExchangeFirewall runnerServerWebExchangeFirewall(RunnerProperties properties) {
			return new TunnelFirewall(paths(properties));
		}

	}

	/**
	 * The base path, and the socket's path when it is served elsewhere.
	 */
	static List<String> paths(RunnerProperties properties) {
		List<String> paths = new ArrayList<>();
		paths.add(properties.getBasePath());
		if (properties.getSocket().isEnabled()) {
			String socket = RunnerSocketAutoConfiguration.path(properties);
			if (!socket.startsWith(properties.getBasePath().equals("/") ? "/" : properties.getBasePath() + "/")) {
				paths.add(socket);
			}
		}
		return paths;
	}

}
