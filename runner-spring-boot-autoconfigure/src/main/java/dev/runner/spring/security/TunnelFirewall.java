package dev.runner.spring.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's {@link StrictServerWebExchangeFirewall} everywhere but under the tunnel's paths, where requests go
 * through a lenient one: task and event ids may hold {@code %2F}, {@code %25}, {@code %2E}, semicolons and
 * backslashes (docs/tunnel-http.md §2.2), and any method reaches the tunnel, which answers 405
 * {@code METHOD_NOT_ALLOWED} itself (§2.4). The tunnel checks its request targets with its own guard, so those paths
 * are answered exactly as without Spring Security.
 *
 * @since 0.2.0
 */
public final class TunnelFirewall implements ServerWebExchangeFirewall {

	private final List<String> paths;

	private final ServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

	private final StrictServerWebExchangeFirewall tunnel = new StrictServerWebExchangeFirewall();

	/**
	 * Creates the firewall.
	 * @param paths the tunnel's path prefixes: the base path and the socket's path, such as {@code /__runner}
	 */
	public TunnelFirewall(List<String> paths) {
		this.paths = List.copyOf(paths);
		this.tunnel.setAllowUrlEncodedSlash(true);
		this.tunnel.setAllowUrlEncodedDoubleSlash(true);
		this.tunnel.setAllowUrlEncodedPercent(true);
		this.tunnel.setAllowUrlEncodedPeriod(true);
		this.tunnel.setAllowSemicolon(true);
		this.tunnel.setAllowBackSlash(true);
		this.tunnel.setUnsafeAllowAnyHttpMethod(true);
	}

	@Override
	public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
		return (isTunnel(exchange.getRequest().getPath().value()) ? this.tunnel : this.strict)
			.getFirewalledExchange(exchange);
	}

	private boolean isTunnel(String rawPath) {
		for (String path : this.paths) {
			if (path.equals("/") || rawPath.equals(path) || rawPath.startsWith(path + "/")) {
				return true;
			}
		}
		return false;
	}

}
