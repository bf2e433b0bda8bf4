package dev.runner.spring.socket;

import java.time.Duration;
import java.util.List;

import io.netty.channel.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.SignalType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerSocketClosedEvent;
import dev.runner.spring.RunnerSocketConnectedEvent;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerError;
import dev.runner.spring.core.RunnerRequestIds;
import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The life of one socket (docs/socket.md §1, §2, §4): opening under the connection limit, authentication by the
 * upgrade's header or the first frame, the {@code ready} frame, reading frames (binary ones close with 1003), and the
 * clean-up when it ends however it ends: channels left, requests in flight cancelled, the closed event published.
 *
 * @since 0.1.0
 */
public final class RunnerSocketHandler {

	/** The sub-protocol of docs/socket.md §1. */
	public static final String SUB_PROTOCOL = "runner.v1";

	private static final Log logger = LogFactory.getLog(RunnerSocketHandler.class);

	private final SocketRegistry registry;

	private final LocalRunnerChannels channels;

	private final SocketDispatcher dispatcher;

	private final SocketFrameReader reader;

	private final SocketFrameWriter writer;

	private final RunnerAuthenticator authenticator;

	private final String authHeader;

	private final SocketSettings settings;

	private final RunnerSocketListener listener;

	private final ApplicationEventPublisher events;

	RunnerSocketHandler(SocketRegistry registry, LocalRunnerChannels channels, SocketDispatcher dispatcher,
			RunnerSerializer serializer, SocketFrameWriter writer, RunnerAuthenticator authenticator, String authHeader,
			SocketSettings settings, RunnerSocketListener listener, ApplicationEventPublisher events) {
		this.registry = registry;
		this.channels = channels;
		this.dispatcher = dispatcher;
		this.reader = new SocketFrameReader(serializer);
		this.writer = writer;
		this.authenticator = authenticator;
		this.authHeader = authHeader;
		this.settings = settings;
		this.listener = listener;
		this.events = events;
	}

	/**
	 * Serves one upgraded socket until it ends.
	 * @param session the WebSocket session
	 * @param headers the upgrade request's headers
	 * @param authentication what authenticated the upgrade, {@code null} when the first frame must
	 * @param channel the upgrade's Netty channel, which the socket's frames are written into
	 * @return completes when the socket has ended
	 */
	Mono<Void> handle(WebSocketSession session, HttpHeaders headers, @Nullable RunnerAuthentication authentication,
			Channel channel) {
		long now = System.nanoTime();
		SocketConnection socket = new SocketConnection(this.registry.nextId(), session, headers, channel, this.settings,
				(connection) -> new SocketOutbound(this.settings.outboundQueue(), this.settings.slowConsumer(),
						this.writer, this.listener, channel, () -> connection.close(4408, "slow consumer")),
				now);
		this.listener.opened();
		Mono<Void> outbound = Mono.create((done) -> socket.outbound().whenClosed(done::success));
		if (!this.registry.opened(socket, this.settings.maxConnections())) {
			socket.close(4429, "too many connections");
		}
		else if (authentication != null) {
			ready(socket, authentication);
		}
		Mono<Void> inbound = Mono.create((done) -> {
			Inbound frames = new Inbound(socket, done);
			done.onDispose(frames);
			session.receive().subscribe(frames);
		});
		// The socket ends once both sides have, an error on either side ending it like a close; the close status is
		// only looked up then, so it costs an idle socket nothing.
		return Mono.whenDelayError(inbound, outbound).onErrorComplete().doFinally((signal) -> session.closeStatus()
			.map(CloseStatus::getCode)
			.onErrorReturn(1006)
			.defaultIfEmpty(1006)
			.subscribe((code) -> ended(socket, code)));
	}

	/**
	 * Takes in one message as it arrives: any message proves the client alive, a binary one closes with 1003.
	 * @return the bytes of a text message, copied (the payload is released once this returns), else {@code null}
	 */
	private byte @Nullable [] received(SocketConnection socket, WebSocketMessage message) {
		socket.seen();
		switch (message.getType()) {
			case TEXT -> {
				DataBuffer payload = message.getPayload();
				byte[] bytes = new byte[payload.readableByteCount()];
				payload.read(bytes);
				return bytes;
			}
			case BINARY -> {
				this.listener.frame(true, "binary");
				socket.close(1003, "binary frames not supported");
				return null;
			}
			default -> {
				// pings are answered by Reactor Netty; a pong only proves the client alive
				return null;
			}
		}
	}

	private void text(SocketConnection socket, byte[] bytes) {
		if (socket.isClosing()) {
			return;
		}
		SocketFrame frame;
		try {
			frame = this.reader.read(bytes);
		}
		catch (SocketFrameReader.Unreadable unreadable) {
			this.listener.frame(true, "invalid");
			RunnerError error = RunnerError.of(unreadable.refusal());
			String id = unreadable.id();
			socket.outbound().offer(unreadable.asResult() ? "result" : "error",
					(unreadable.asResult() && id != null) ? this.writer.failedResult(id, error)
							: this.writer.error(id, error));
			return;
		}
		this.listener.frame(true, frame.type().wireName());
		switch (frame.type()) {
			case PING -> socket.outbound().offer("pong", SocketFrameWriter.PONG);
			case AUTH -> authenticate(socket, frame.text("token"));
			default -> {
				if (socket.isAuthenticated()) {
					this.dispatcher.dispatch(socket, frame);
				}
				else {
					socket.outbound().offer("error",
							this.writer.error(frame.id(), RunnerError.of(SocketRefusals.notAuthenticated())));
				}
			}
		}
	}

	/**
	 * Authenticates by the first frame: the token is checked as if the upgrade had carried it in the auth header.
	 */
	private void authenticate(SocketConnection socket, @Nullable String token) {
		if (socket.isAuthenticated()) {
			socket.outbound().offer("error",
					this.writer.error(null, RunnerError.of(SocketRefusals.invalidFrame("Already authenticated"))));
			return;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(socket.headers());
		headers.set(this.authHeader, token);
		String requestId = RunnerRequestIds.orRandom(socket.id() + ":auth");
		this.authenticator
			.authenticate(headers, () -> RunnerAuthenticator.authRequest("GET",
					socket.session().getHandshakeInfo().getUri(), headers, requestId))
			.subscribe((authentication) -> ready(socket, authentication),
					(ex) -> socket.close(4401, "unauthorized"));
	}

	private void ready(SocketConnection socket, RunnerAuthentication authentication) {
		if (socket.isClosing()) {
			return;
		}
		socket.authenticated(authentication);
		this.registry.authenticated(socket);
		socket.outbound().offer("ready", this.writer.ready(socket.id()));
		publish(new RunnerSocketConnectedEvent(socket));
	}

	private void ended(SocketConnection socket, int clientCode) {
		socket.ended();
		this.channels.leaveAll(socket);
		boolean authenticated = this.registry.ended(socket);
		int code = socket.closeCode(clientCode);
		this.listener.closed(code);
		if (authenticated) {
			publish(new RunnerSocketClosedEvent(socket, code));
		}
	}

	private void publish(Object event) {
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + event.getClass().getSimpleName() + " failed", ex);
		}
	}

	/**
	 * Runs the heartbeats and the auth timeout of every open socket; called periodically (docs/socket.md §1, §4).
	 * @param now {@link System#nanoTime()}
	 */
	void sweep(long now) {
		long pingInterval = this.settings.pingInterval().toNanos();
		long pongTimeout = this.settings.pongTimeout().toNanos();
		for (SocketConnection socket : this.registry.connections()) {
			if (socket.isClosing()) {
				continue;
			}
			if (!socket.isAuthenticated()) {
				if (now - socket.authDeadline() >= 0) {
					socket.close(4401, "unauthorized");
				}
				continue;
			}
			long pingSent = socket.pingSent();
			if (pingSent != 0 && now - pingSent >= pongTimeout) {
				socket.close(4408, "heartbeat timeout");
			}
			else if (now - socket.lastPing() >= pingInterval) {
				socket.pinged(now);
				socket.outbound().ping();
			}
		}
	}

	/**
	 * Stops serving new requests, waits for those in flight (at most {@code timeout}), then closes every socket with
	 * 1001 {@code server shutting down} (docs/socket.md §4).
	 */
	Mono<Void> shutDown(Duration timeout) {
		this.dispatcher.shutDown();
		return Mono.defer(() -> drained(System.nanoTime() + timeout.toNanos()))
			.then(Mono.fromRunnable(() -> List.copyOf(this.registry.connections())
				.forEach((socket) -> socket.close(1001, "server shutting down"))));
	}

	private Mono<Void> drained(long deadline) {
		boolean drained = this.registry.connections().stream().allMatch(SocketConnection::isIdle);
		if (drained || System.nanoTime() - deadline >= 0) {
			return Mono.empty();
		}
		return Mono.delay(Duration.ofMillis(20)).then(Mono.defer(() -> drained(deadline)));
	}

	/**
	 * Reads one socket's messages one at a time: the next is asked for once the answers of this one fit, so a client
	 * that sends faster than it reads is slowed down over TCP instead of filling its outbound queue with its own
	 * answers. One small object per socket, where a chain of operators would cost a kilobyte (docs/socket.md §5).
	 */
	private final class Inbound extends BaseSubscriber<WebSocketMessage> implements Runnable {

		private final SocketConnection socket;

		private final MonoSink<Void> done;

		Inbound(SocketConnection socket, MonoSink<Void> done) {
			this.socket = socket;
			this.done = done;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(1);
		}

		@Override
		protected void hookOnNext(WebSocketMessage message) {
			byte[] bytes = received(this.socket, message);
			if (bytes != null) {
				text(this.socket, bytes);
			}
			this.socket.outbound().whenRoom(this);
		}

		/**
		 * Asks for the next message, once there is room.
		 */
		@Override
		public void run() {
			request(1);
		}

		@Override
		protected void hookOnError(Throwable ex) {
			// a broken or oversized frame: the session closes, and the socket ends below
		}

		@Override
		protected void hookFinally(SignalType type) {
			this.socket.ended();
			this.done.success();
		}

	}

}
