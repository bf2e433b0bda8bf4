package dev.runner.spring.web;

import java.util.Collection;
import java.util.Set;
import java.util.function.UnaryOperator;

import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The opt-in direct route of the tunnel ({@code runner.direct-route.enabled}, docs/tunnel-http.md §2.6): a Reactor
 * Netty route, which Boot's {@code NettyReactiveWebServerFactory} installs ahead of WebFlux, that hands every request
 * under the base path to the {@link RunnerTunnelHandler} without WebFlux's {@code DispatcherHandler}, its handler
 * mappings, its {@code WebFilter}s and its exception handlers. The handler is the same one WebFlux calls, so the
 * protocol, the authentication, the runner's observations and the {@code http.server.requests} observation (kept by
 * Spring's {@code HttpWebHandlerAdapter}, with the same {@code uri} patterns) are those of the default route.
 * <p>
 * Paths outside the base path, and the excluded ones (the socket's path, whose upgrade WebFlux serves), go on to
 * WebFlux as before.
 *
 * @since 0.2.0
 */
public final class TunnelDirectRoute implements NettyRouteProvider {

	private final TunnelRouter router;

	private final Set<String> excludedPaths;

	private final ReactorHttpHandlerAdapter adapter;

	/**
	 * Creates the route.
	 * @param mapping the tunnel's handler mapping, whose router and route attributes the route shares
	 * @param handler the tunnel's handler
	 * @param excludedPaths raw paths under the base path that stay with WebFlux (the socket's path)
	 * @param customizer applies the application's observation registry and convention, forwarded-header transformer
	 * and {@code HttpHandler} decorators to the builder of the route's {@code HttpHandler}
	 */
	public TunnelDirectRoute(RunnerHandlerMapping mapping, RunnerTunnelHandler handler,
			Collection<String> excludedPaths, UnaryOperator<WebHttpHandlerBuilder> customizer) {
		this.router = mapping.router();
		this.excludedPaths = Set.copyOf(excludedPaths);
		WebHandler direct = (exchange) -> {
			TunnelRoute route = this.router.route(exchange.getRequest().getPath().value());
			mapping.record(exchange, (route != null) ? route : TunnelRoute.NOT_FOUND);
			return handler.handle(exchange);
		};
		this.adapter = new ReactorHttpHandlerAdapter(customizer.apply(WebHttpHandlerBuilder.webHandler(direct)).build());
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route(this::serves, this.adapter);
	}

	/**
	 * Whether the route serves a request: its raw path (the query left out) is under the base path and not excluded.
	 * A request target in absolute form ({@code http://host/...}) is left to WebFlux, which routes it to the tunnel's
	 * mapping as before.
	 * @param request the request
	 * @return whether this route handles it
	 */
	boolean serves(HttpServerRequest request) {
		String uri = request.uri();
		int query = uri.indexOf('?');
		String path = (query >= 0) ? uri.substring(0, query) : uri;
		return !this.excludedPaths.contains(path) && this.router.serves(path);
	}

}
