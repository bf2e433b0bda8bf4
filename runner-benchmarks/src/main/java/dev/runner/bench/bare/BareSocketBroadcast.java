package dev.runner.bench.bare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.runner.bench.BenchData;

/**
 * The socket ceiling of the benchmark: a bare WebFlux {@link WebSocketHandler} at {@code /ws} that sends every text
 * message it receives, byte for byte, to every other open socket, the way the WebFlux documentation suggests: each
 * socket gets a unicast sink ({@code onBackpressureBuffer()}, Reactor's default queue, unbounded) drained by
 * {@code session.send}; a message is copied out of its buffer once and the same bytes wrapped for every receiver, as
 * the starter does. The token header is checked once per socket; no
 * frame is parsed, no channel or subscription exists, so this is the least work a WebFlux broadcaster can do.
 *
 * @since 0.1.0
 */
final class BareSocketBroadcast implements WebSocketHandler {

	private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);

	private final Set<Peer> peers = ConcurrentHashMap.newKeySet();

	static HandlerMapping mapping() {
		return new SimpleUrlHandlerMapping(Map.of("/ws", new BareSocketBroadcast()), -1);
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		String token = session.getHandshakeInfo().getHeaders().getFirst("x-runner-token");
		if (token == null || !MessageDigest.isEqual(TOKEN, token.getBytes(StandardCharsets.UTF_8))) {
			return session.close(CloseStatus.POLICY_VIOLATION);
		}
		Peer peer = new Peer(session, Sinks.many().unicast().<WebSocketMessage>onBackpressureBuffer());
		this.peers.add(peer);
		Mono<Void> inbound = session.receive().doOnNext((message) -> broadcast(peer, message)).then();
		return session.send(peer.queue().asFlux()).and(inbound).doFinally((signal) -> this.peers.remove(peer));
	}

	private void broadcast(Peer sender, WebSocketMessage message) {
		byte[] bytes = new byte[message.getPayload().readableByteCount()];
		message.getPayload().read(bytes);
		for (Peer peer : this.peers) {
			if (peer != sender) {
				peer.queue()
					.tryEmitNext(new WebSocketMessage(message.getType(), peer.session().bufferFactory().wrap(bytes)));
			}
		}
	}

	private record Peer(WebSocketSession session, Sinks.Many<WebSocketMessage> queue) {
	}

}
