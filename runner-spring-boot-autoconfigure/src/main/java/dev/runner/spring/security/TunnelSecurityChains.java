package dev.runner.spring.security;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * The security filter chains the starter contributes when Spring Security is present.
 *
 * @since 0.2.0
 */
public final class TunnelSecurityChains {

	/**
	 * The order of the tunnel's chain: ahead of the application's chains (which have the default, lowest, order
	 * unless they say otherwise), so that theirs never see the tunnel's paths.
	 */
	public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 100;

	private TunnelSecurityChains() {
	}

	/**
	 * The tunnel's chain in {@code runner.auth.mode=token}: it matches the tunnel's paths only and leaves every
	 * decision to the tunnel, which checks its tokens itself: no CSRF (callers are not browsers with cookies), no
	 * session or saved request, no login page, HTTP basic or challenge, and no headers of its own (the tunnel writes
	 * its security headers, docs/tunnel-http.md §10), so the tunnel answers exactly as without Spring Security.
	 * @param http the builder Spring Security provides
	 * @param paths the tunnel's path prefixes (the base path, the socket's path)
	 * @return the chain
	 */
	public static SecurityWebFilterChain tunnel(ServerHttpSecurity http, List<String> paths) {
		String[] patterns = paths.stream()
			.flatMap((path) -> path.equals("/") ? java.util.stream.Stream.of("/**")
					: java.util.stream.Stream.of(path, path + "/**"))
			.toArray(String[]::new);
		return new TunnelChain(http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(patterns))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.build());
	}

	/**
	 * Whether a chain is the tunnel's chain of {@link #tunnel}, one that leaves every decision to the tunnel (so that
	 * the direct route, which skips the filter chain, loses nothing by skipping it).
	 * @param chain a chain bean
	 * @return {@code true} for the chain {@link #tunnel} built
	 */
	public static boolean isTunnelChain(Object chain) {
		return chain instanceof TunnelChain;
	}

	/**
	 * What Spring Security applies when an application declares no chain: every exchange authenticated, with HTTP
	 * basic and a login form. Spring Security falls back to it only while no chain bean exists, so the starter declares
	 * it beside the tunnel's chain for an application that relies on that fallback, and its other paths stay as they
	 * were. (Spring Security's fallback also adds OAuth2 login when client registrations exist; such an application
	 * declares its own chain.)
	 * @param http the builder Spring Security provides
	 * @return the chain
	 */
	public static SecurityWebFilterChain fallback(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			.build();
	}

	/**
	 * The tunnel's chain, told apart from the application's chains by its type.
	 */
	private record TunnelChain(SecurityWebFilterChain chain) implements SecurityWebFilterChain {

		@Override
		public Mono<Boolean> matches(ServerWebExchange exchange) {
			return this.chain.matches(exchange);
		}

		@Override
		public Flux<WebFilter> getWebFilters() {
			return this.chain.getWebFilters();
		}

	}

}
