package dev.runner.spring.socket;

import java.util.Arrays;
import java.util.List;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerError;
import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.core.RunnerRequestIds;
import dev.runner.spring.core.RunnerRequestListener;

/**
 * The checks before the upgrade (docs/socket.md §1), in this order: a {@code GET} with a WebSocket upgrade, a
 * cross-origin {@code Origin} against {@code runner.cors.*} (403 {@code FORBIDDEN}; the page's own origin is always
 * allowed, as Spring's WebSocket origin check does), the sub-protocol (400
 * {@code INVALID_REQUEST}), then auth by the token header (401 {@code UNAUTHORIZED} for a wrong one, 500
 * {@code AUTH_NOT_CONFIGURED}); each refusal is the tunnel's error envelope. Without the header, the socket is upgraded
 * and its first frame must authenticate it. The upgrade itself is Spring's {@link WebSocketService}.
 *
 * @since 0.1.0
 */
public final class SocketUpgradeHandler implements WebHandler {

	private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

	private static final List<String> SUB_PROTOCOLS = List.of(RunnerSocketHandler.SUB_PROTOCOL);

	private final WebSocketService webSocketService;

	private final RunnerSocketHandler handler;

	private final CorsConfiguration cors;

	private final RunnerAuthenticator authenticator;

	private final SocketFrameWriter writer;

	private final RunnerRequestListener requestListener;

	SocketUpgradeHandler(WebSocketService webSocketService, RunnerSocketHandler handler, CorsConfiguration cors,
			RunnerAuthenticator authenticator, SocketFrameWriter writer,
			RunnerRequestListener requestListener) {
		this.webSocketService = webSocketService;
		this.handler = handler;
		this.cors = cors;
		this.authenticator = authenticator;
		this.writer = writer;
		this.requestListener = requestListener;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		RunnerRejectedException refusal = check(request);
		if (refusal != null) {
			return refuse(exchange, refusal);
		}
		Channel channel = nettyChannel(request);
		if (channel == null) {
			return Mono.error(new IllegalStateException("Runner sockets need Reactor Netty; this server's requests are "
					+ ServerHttpRequestDecorator.getNativeRequest(request).getClass().getName()));
		}
		String requestId = RunnerRequestIds.resolve(headers.get(RunnerRequestIds.HEADER));
		boolean tokenSent = this.authenticator.hasCredentials(headers);
		return this.authenticator.authenticate(headers, () -> RunnerAuthenticator.authRequest(request, requestId))
			.map(Admitted::new)
			.onErrorResume(RunnerRejectedException.class, (rejected) -> {
				boolean firstFrame = !tokenSent && rejected.status() == 401;
				return firstFrame ? Mono.just(new Admitted(null)) : Mono.error(rejected);
			})
			.flatMap((admitted) -> this.webSocketService.handleRequest(offeringOurProtocolOnly(exchange),
					new UpgradedSocket(headers, admitted.authentication(), channel)))
			.onErrorResume(RunnerRejectedException.class, (rejected) -> refuse(exchange, rejected));
	}

	private @Nullable RunnerRejectedException check(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		if (request.getMethod() != HttpMethod.GET) {
			return RunnerRejectedException.methodNotAllowed();
		}
		if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
			return SocketRefusals.upgradeExpected();
		}
		String origin = headers.getOrigin();
		if (origin != null && CorsUtils.isCorsRequest(request) && !isAllowed(origin)) {
			return SocketRefusals.originNotAllowed();
		}
		List<String> offered = offeredProtocols(headers);
		if (!offered.isEmpty() && !offered.contains(RunnerSocketHandler.SUB_PROTOCOL)) {
			return SocketRefusals.unsupportedSubProtocol();
		}
		return null;
	}

	/**
	 * Whether {@code runner.cors.*} allows an origin; a configuration Spring rejects (credentials with the origin
	 * {@code *}) allows none.
	 */
	private boolean isAllowed(String origin) {
		try {
			return this.cors.checkOrigin(origin) != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Leaves only {@code runner.v1} in the offered sub-protocols when the client offered it: Spring's handshake splits
	 * the header on commas without trimming, so it misses {@code runner.v1} in {@code other, runner.v1} as browsers
	 * send it.
	 */
	private static ServerWebExchange offeringOurProtocolOnly(ServerWebExchange exchange) {
		if (offeredProtocols(exchange.getRequest().getHeaders()).isEmpty()) {
			return exchange;
		}
		return exchange.mutate()
			.request((request) -> request.headers(
					(headers) -> headers.set(SEC_WEBSOCKET_PROTOCOL, RunnerSocketHandler.SUB_PROTOCOL)))
			.build();
	}

	private Mono<Void> refuse(ServerWebExchange exchange, RunnerRejectedException refusal) {
		this.requestListener.refused(refusal.code());
		ServerHttpResponse response = exchange.getResponse();
		byte[] body = this.writer.envelope(RunnerError.of(refusal));
		response.setStatusCode(HttpStatusCode.valueOf(refusal.status()));
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	/**
	 * Returns the Netty channel of an upgrade, which stays the same through the upgrade: the socket's frames are
	 * written into it on its event loop, and its connection drops it when a close handshake never finishes.
	 * {@code null} on a server other than Reactor Netty, where the upgrade fails.
	 */
	private static @Nullable Channel nettyChannel(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		return (nativeRequest instanceof Connection connection) ? connection.channel() : null;
	}

	private record Admitted(@Nullable RunnerAuthentication authentication) {
	}

	/**
	 * The handler of one upgrade: offers the runner's sub-protocol and hands the session what the upgrade decided.
	 */
	private final class UpgradedSocket implements WebSocketHandler {

		private final HttpHeaders headers;

		private final @Nullable RunnerAuthentication authentication;

		private final Channel channel;

		UpgradedSocket(HttpHeaders headers, @Nullable RunnerAuthentication authentication, Channel channel) {
			this.headers = headers;
			this.authentication = authentication;
			this.channel = channel;
		}

		@Override
		public List<String> getSubProtocols() {
			return SUB_PROTOCOLS;
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return SocketUpgradeHandler.this.handler.handle(session, this.headers, this.authentication,
					this.channel);
		}

	}

	/**
	 * Returns the sub-protocols a client offers in {@code Sec-WebSocket-Protocol}: comma-separated, possibly over
	 * several header lines.
	 */
	private static List<String> offeredProtocols(HttpHeaders headers) {
		List<String> values = headers.get(SEC_WEBSOCKET_PROTOCOL);
		if (values == null || values.isEmpty()) {
			return List.of();
		}
		return values.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::trim)
			.filter((value) -> !value.isEmpty())
			.toList();
	}

}
