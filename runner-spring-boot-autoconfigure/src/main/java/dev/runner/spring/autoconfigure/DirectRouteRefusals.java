package dev.runner.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.server.WebFilter;

import dev.runner.spring.security.TunnelSecurityChains;

/**
 * What refuses the direct route at start-up (docs/tunnel-http.md §2.6): the route skips every {@code WebFilter}, so an
 * application that has any, or whose Spring Security chain for the tunnel's paths is its own rather than the
 * starter's (which leaves every decision to the tunnel), would silently lose them on the tunnel's paths.
 */
final class DirectRouteRefusals {

	private static final String SECURITY_PROXY = "org.springframework.security.web.server.WebFilterChainProxy";

	private static final String TUNNEL_CHAIN = "runnerSecurityWebFilterChain";

	private DirectRouteRefusals() {
	}

	/**
	 * Refuses the direct route when the application relies on what it skips.
	 * @param beanFactory the application's bean factory
	 * @param environment its environment
	 * @throws IllegalStateException listing every reason, when there is one
	 */
	static void check(ConfigurableListableBeanFactory beanFactory, Environment environment) {
		List<String> problems = new ArrayList<>();
		String webFluxBasePath = environment.getProperty("spring.webflux.base-path");
		if (StringUtils.hasText(webFluxBasePath)) {
			problems.add("spring.webflux.base-path is set ('" + webFluxBasePath + "'), and the direct route serves "
					+ "runner.base-path as the whole path, outside it");
		}
		for (String name : beanFactory.getBeanNamesForType(WebFilter.class, true, false)) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && type.getName().equals(SECURITY_PROXY)) {
				if (!startersChainServesTheTunnel(beanFactory)) {
					problems.add("Spring Security's filter chain applies to the tunnel's paths through the "
							+ "application's own '" + TUNNEL_CHAIN + "' bean");
				}
			}
			else {
				problems.add("WebFilter bean '" + name + "' ("
						+ ((type != null) ? ClassUtils.getUserClass(type).getName() : "unknown type")
						+ ") would not apply to the tunnel's paths");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("runner.direct-route.enabled=true is refused: the direct route serves the "
					+ "tunnel ahead of WebFlux and skips every WebFilter, and " + String.join("; ", problems)
					+ ". Remove runner.direct-route.enabled (the tunnel is then served through WebFlux, filters "
					+ "applied), or serve the application without them.");
		}
	}

	private static boolean startersChainServesTheTunnel(ConfigurableListableBeanFactory beanFactory) {
		return beanFactory.containsBean(TUNNEL_CHAIN)
				&& TunnelSecurityChains.isTunnelChain(beanFactory.getBean(TUNNEL_CHAIN));
	}

}
