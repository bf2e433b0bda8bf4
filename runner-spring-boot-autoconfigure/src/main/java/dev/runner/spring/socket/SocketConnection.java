package dev.runner.spring.socket;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
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

	private final Channel channel;

	/** Created when first asked for: most sockets never have attributes. */
	private volatile @Nullable ConcurrentMap<String, Object> attributes;

	private static final String[] NO_CHANNELS = {};

	/** The channels subscribed to, copied on write under this object's lock (a few per socket, read per request). */
	private volatile String[] channels = NO_CHANNELS;

	/** The requests in flight by id, under this object's lock; {@code null} when none, which is most of the time. */
	private @Nullable Map<String, SocketRequest> inFlight;

	private static final AtomicIntegerFieldUpdater<SocketConnection> CLOSING = AtomicIntegerFieldUpdater
		.newUpdater(SocketConnection.class, "closing");

	/** 1 once closing: a field and an updater rather than an AtomicBoolean per socket. */
	private volatile int closing;

	private volatile @Nullable RunnerAuthentication authentication;

	/** When the socket must be authenticated by, in {@link System#nanoTime()} terms. */
	private final long authDeadline;

	/** When the unanswered ping was sent, {@code 0} when none is outstanding. */
	private volatile long pingSent;

	private volatile long lastPing;

	private volatile int closeCode;


	/**
	 * Creates the connection.
	 * @param channel the Netty channel under the session
	 */
	SocketConnection(String id, WebSocketSession session, HttpHeaders headers, Channel channel,
			SocketSettings settings, SocketOutboundFactory outbound, long now) {
		this.id = id;
		this.session = session;
		this.channel = channel;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.remoteAddress = session.getHandshakeInfo().getRemoteAddress();
		this.outbound = outbound.create(this);
		this.authDeadline = now + settings.authTimeout().toNanos();
		this.lastPing = now;
	}

	/**
	 * Returns the event loop that writes this socket's frames: channel messages are queued on it, so that the queue
	 * is only ever touched by the thread that drains it.
	 */
	EventLoop eventLoop() {
		return this.channel.eventLoop();
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
		return Set.of(this.channels);
	}

	@Override
	public ConcurrentMap<String, Object> attributes() {
		ConcurrentMap<String, Object> attributes = this.attributes;
		if (attributes == null) {
			synchronized (this) {
				attributes = this.attributes;
				if (attributes == null) {
					attributes = new ConcurrentHashMap<>(4);
					this.attributes = attributes;
				}
			}
		}
		return attributes;
	}

	WebSocketSession session() {
		return this.session;
	}

	SocketOutbound outbound() {
		return this.outbound;
	}

	/**
	 * Adds a channel to the socket's subscriptions, for the channel registry.
	 * @return whether it was not there yet
	 */
	synchronized boolean addChannel(String channel) {
		if (hasChannel(channel)) {
			return false;
		}
		String[] channels = Arrays.copyOf(this.channels, this.channels.length + 1);
		channels[channels.length - 1] = channel;
		this.channels = channels;
		return true;
	}

	/**
	 * Removes a channel from the socket's subscriptions, for the channel registry.
	 */
	synchronized void removeChannel(String channel) {
		String[] channels = this.channels;
		for (int i = 0; i < channels.length; i++) {
			if (channels[i].equals(channel)) {
				String[] rest = new String[channels.length - 1];
				System.arraycopy(channels, 0, rest, 0, i);
				System.arraycopy(channels, i + 1, rest, i, rest.length - i);
				this.channels = (rest.length == 0) ? NO_CHANNELS : rest;
				return;
			}
		}
	}

	boolean hasChannel(String channel) {
		for (String subscribed : this.channels) {
			if (subscribed.equals(channel)) {
				return true;
			}
		}
		return false;
	}

	int channelCount() {
		return this.channels.length;
	}

	/** The channels subscribed to now, a snapshot. */
	List<String> channelList() {
		return List.of(this.channels);
	}

	synchronized @Nullable SocketRequest requestInFlight(String id) {
		return (this.inFlight != null) ? this.inFlight.get(id) : null;
	}

	synchronized int inFlightCount() {
		return (this.inFlight != null) ? this.inFlight.size() : 0;
	}

	synchronized void addInFlight(String id, SocketRequest request) {
		if (this.inFlight == null) {
			this.inFlight = new HashMap<>(4);
		}
		this.inFlight.put(id, request);
	}

	synchronized void removeInFlight(String id, SocketRequest request) {
		if (this.inFlight != null && this.inFlight.remove(id, request) && this.inFlight.isEmpty()) {
			this.inFlight = null;
		}
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
	synchronized boolean isIdle() {
		return this.inFlight == null;
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
		return this.closing != 0;
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
		if (!CLOSING.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.closeCode = code;
		this.outbound.close();
		cancelInFlight();
		// Dropping a connection that closed meanwhile does nothing; the timer is not worth cancelling.
		Mono.delay(CLOSE_HANDSHAKE_TIMEOUT).subscribe((tick) -> this.channel.close());
		this.session.close(new CloseStatus(code, reason)).onErrorResume((ex) -> Mono.empty()).subscribe();
		return true;
	}

	/**
	 * The connection ended, however it ended: nothing more goes out, nothing in flight is answered.
	 */
	void ended() {
		this.closing = 1;
		this.outbound.close();
		cancelInFlight();
	}

	private void cancelInFlight() {
		List<SocketRequest> requests;
		synchronized (this) {
			if (this.inFlight == null) {
				return;
			}
			requests = List.copyOf(this.inFlight.values());
			this.inFlight = null;
		}
		requests.forEach(SocketRequest::abandon);
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
