package dev.runner.spring.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Hands every request under the base path to the {@link RunnerTunnelHandler}, which does its own routing (the
 * runner's path rules of docs/tunnel-http.md §2.2 are not those of Spring's path patterns: dot segments, doubled slashes
 * and encoded slashes in ids). Runs before the application's own mappings and outside Spring's CORS processing, whose
 * preflight answers differ from the protocol's: a CORS preflight, which Spring's {@code DispatcherHandler} answers by
 * asking the mappings for a handler without calling it, gets the protocol's preflight answer here. The matched route's pattern ({@code /__runner/task/{taskId}} ...) is
 * recorded for the {@code uri} tag of {@code http.server.requests}.
 *
 * @since 0.1.0
 */
public final class RunnerHandlerMapping implements HandlerMapping, Ordered {

	private final TunnelRouter router;

	private final RunnerTunnelHandler handler;

	private final PathPattern taskPattern;

	private final PathPattern eventPattern;

	private final PathPattern discoveryPattern;

	private final PathPattern schemaPattern;

	private final PathPattern typeDeclarationsPattern;

	private final PathPattern otherPattern;

	private int order = Ordered.HIGHEST_PRECEDENCE + 100;

	/**
	 * Creates the mapping.
	 * @param router resolves paths
	 * @param handler serves the tunnel
	 */
	public RunnerHandlerMapping(TunnelRouter router, RunnerTunnelHandler handler) {
		this.router = router;
		this.handler = handler;
		String base = router.basePath().equals("/") ? "" : router.basePath();
		PathPatternParser parser = PathPatternParser.defaultInstance;
		this.taskPattern = parser.parse(base + "/task/{taskId}");
		this.eventPattern = parser.parse(base + "/event/{eventId}");
		this.discoveryPattern = parser.parse(base + "/discovery");
		this.schemaPattern = parser.parse(base + "/schema");
		this.typeDeclarationsPattern = parser.parse(base + "/types.d.ts");
		this.otherPattern = parser.parse(base + "/**");
	}

	@Override
	public Mono<Object> getHandler(ServerWebExchange exchange) {
		TunnelRoute route = this.router.route(exchange.getRequest().getPath().value());
		if (route == null) {
			return Mono.empty();
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			this.handler.preparePreflight(exchange);
		}
		record(exchange, route);
		return Mono.just(this.handler);
	}

	/**
	 * Records a resolved route on the exchange: for the {@link RunnerTunnelHandler}, for Spring's best-matching
	 * attributes, and as the path pattern of the {@code http.server.requests} observation. Also used by the
	 * {@link TunnelDirectRoute}, which dispatches without this mapping.
	 * @param exchange the exchange of a request under the base path
	 * @param route its route
	 */
	void record(ServerWebExchange exchange, TunnelRoute route) {
		exchange.getAttributes().put(RunnerTunnelHandler.ROUTE_ATTRIBUTE, route);
		PathPattern pattern = switch (route.kind()) {
			case TASK -> this.taskPattern;
			case EVENT -> this.eventPattern;
			case DISCOVERY -> this.discoveryPattern;
			case SCHEMA -> this.schemaPattern;
			case TYPE_DECLARATIONS -> this.typeDeclarationsPattern;
			case NOT_FOUND -> this.otherPattern;
		};
		exchange.getAttributes().put(BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
		exchange.getAttributes().put(BEST_MATCHING_HANDLER_ATTRIBUTE, this.handler);
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((context) -> context.setPathPattern(pattern.getPatternString()));
	}

	/**
	 * Returns the router this mapping resolves paths with.
	 * @return the router
	 */
	TunnelRouter router() {
		return this.router;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Sets the order of this mapping among the application's handler mappings.
	 * @param order the order, {@code Ordered.HIGHEST_PRECEDENCE + 100} by default
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
