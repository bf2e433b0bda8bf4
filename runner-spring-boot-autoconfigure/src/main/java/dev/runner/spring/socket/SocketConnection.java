package dev.runner.spring.socket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerSocket;

/**
 * One WebSocket of the runner socket protocol: what the application sees as its {@link RunnerSocket}, plus the state
 * the door keeps for it (authentication, requests in flight, liveness, the outbound queue).
 */
final class SocketConnection implements RunnerSocket {

	/** How long a close handshake the server started may take before the connection is dropped (§5). */
	static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

	private final String id;

	private final WebSocketSession session;

	private final HttpHeaders headers;

	private final @Nullable InetSocketAddress remoteAddress;

	private final SocketOutbound outbound;

	private final Runnable drop;

	private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>(4);

	private final Set<String> channels = ConcurrentHashMap.newKeySet(4);

	private final ConcurrentMap<String, SocketRequest> inFlight = new ConcurrentHashMap<>(4);

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile @Nullable RunnerAuthentication authentication;

	/** When the socket must be authenticated by, in {@link System#nanoTime()} terms. */
	private final long authDeadline;

	/** When the unanswered ping was sent, {@code 0} when none is outstanding. */
	private volatile long pingSent;

	private volatile long lastPing;

	private volatile int closeCode;


	/**
	 * Creates the connection.
	 * @param drop closes the TCP connection at once
	 */
	SocketConnection(String id, WebSocketSession session, HttpHeaders headers, Runnable drop,
			SocketSettings settings, SocketOutboundFactory outbound, long now) {
		this.id = id;
		this.session = session;
		this.drop = drop;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.remoteAddress = session.getHandshakeInfo().getRemoteAddress();
		this.outbound = outbound.create(this);
		this.authDeadline = now + settings.authTimeout().toNanos();
		this.lastPing = now;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public RunnerAuthentication authentication() {
		RunnerAuthentication authentication = this.authentication;
		if (authentication == null) {
			throw new IllegalStateException("Socket " + this.id + " is not authenticated");
		}
		return authentication;
	}

	@Override
	public HttpHeaders headers() {
		return this.headers;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public Set<String> channels() {
		return Set.copyOf(this.channels);
	}

	@Override
	public ConcurrentMap<String, Object> attributes() {
		return this.attributes;
	}

	WebSocketSession session() {
		return this.session;
	}

	SocketOutbound outbound() {
		return this.outbound;
	}

	/** The live set of channel names, for the channel registry. */
	Set<String> channelSet() {
		return this.channels;
	}

	ConcurrentMap<String, SocketRequest> inFlight() {
		return this.inFlight;
	}

	boolean isAuthenticated() {
		return this.authentication != null;
	}

	void authenticated(RunnerAuthentication authentication) {
		this.authentication = authentication;
	}

	long authDeadline() {
		return this.authDeadline;
	}

	/** A frame of any kind came in: the client is alive, no ping is outstanding any more. */
	void seen() {
		this.pingSent = 0;
	}

	/** Whether no request of the socket is in flight. */
	boolean isIdle() {
		return this.inFlight.isEmpty();
	}

	long lastPing() {
		return this.lastPing;
	}

	long pingSent() {
		return this.pingSent;
	}

	void pinged(long now) {
		this.lastPing = now;
		if (this.pingSent == 0) {
			this.pingSent = now;
		}
	}

	boolean isClosing() {
		return this.closing.get();
	}

	/**
	 * The code the socket closed with: the one the server sent, else {@code clientCode}.
	 */
	int closeCode(int clientCode) {
		int code = this.closeCode;
		return (code != 0) ? code : clientCode;
	}

	/**
	 * Closes the socket from the server's side, once: drops the queued frames, cancels the requests in flight, sends
	 * the close frame and drops the connection if the client has not finished the handshake in time.
	 * @return whether this call closed it (not an earlier one)
	 */
	boolean close(int code, String reason) {
		if (!this.closing.compareAndSet(false, true)) {
			return false;
		}
		this.closeCode = code;
		this.outbound.close();
		cancelInFlight();
		// Dropping a connection that closed meanwhile does nothing; the timer is not worth cancelling.
		Mono.delay(CLOSE_HANDSHAKE_TIMEOUT).subscribe((tick) -> this.drop.run());
		this.session.close(new CloseStatus(code, reason)).onErrorResume((ex) -> Mono.empty()).subscribe();
		return true;
	}

	/**
	 * The connection ended, however it ended: nothing more goes out, nothing in flight is answered.
	 */
	void ended() {
		this.closing.set(true);
		this.outbound.close();
		cancelInFlight();
	}

	private void cancelInFlight() {
		this.inFlight.values().forEach(SocketRequest::abandon);
		this.inFlight.clear();
	}

	@Override
	public String toString() {
		return "RunnerSocket " + this.id;
	}

	/**
	 * Creates a connection's outbound queue, which closes the connection when it overflows.
	 */
	@FunctionalInterface
	interface SocketOutboundFactory {

		SocketOutbound create(SocketConnection connection);

	}

}
