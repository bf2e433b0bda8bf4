package dev.runner.spring.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A raw WebSocket client for the socket door's tests, on Reactor Netty: sends text or binary frames as given, records
 * every text frame and ping received, and the close status.
 */
public final class SocketClient implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final BlockingQueue<Boolean> pings = new LinkedBlockingQueue<>();

	private final CompletableFuture<WebSocketCloseStatus> closed = new CompletableFuture<>();

	private final CompletableFuture<Boolean> connected = new CompletableFuture<>();

	private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable connection;

	/** Reads frames when asked to: a paused reader asks for none, so the client's TCP window closes. */
	private final Reader reader = new Reader();

	private volatile @Nullable Channel channel;

	private SocketClient(int port, String path, Map<String, String> headers, boolean answerPings,
			@Nullable String protocols, boolean reading) {
		WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder()
			.maxFramePayloadLength(16 * 1024 * 1024)
			.handlePing(!answerPings);
		if (protocols != null) {
			spec.protocols(protocols);
		}
		this.connection = HttpClient.create()
			.headers((h) -> headers.forEach(h::set))
			.websocket(spec.build())
			.uri("ws://127.0.0.1:" + port + path)
			.handle((in, out) -> {
				this.connected.complete(true);
				in.receiveCloseStatus().subscribe(this.closed::complete);
				Sinks.Empty<Void> done = Sinks.empty();
				this.reader.done = done;
				in.aggregateFrames(16 * 1024 * 1024).receiveFrames().subscribe(this.reader);
				in.withConnection((connection) -> this.channel = connection.channel());
				if (reading) {
					this.reader.resume();
				}
				else {
					// nothing read from the socket at all: the server's writes back up to it over TCP
					this.channel.config().setAutoRead(false);
				}
				Mono<Void> received = done.asMono();
				return out.sendObject(this.outbound.asFlux()).then().and(received);
			})
			.subscribe((ignored) -> {
			}, (ex) -> {
				this.connected.completeExceptionally(ex);
				this.closed.complete(WebSocketCloseStatus.ABNORMAL_CLOSURE);
			}, () -> this.closed.complete(WebSocketCloseStatus.ABNORMAL_CLOSURE));
	}

	public static Builder to(int port) {
		return new Builder(port);
	}

	/** Connects with the token header and reads the ready frame. */
	public static SocketClient authenticated(int port) {
		SocketClient client = to(port).header("x-runner-token", "secret").connect();
		assertThat(client.next().get("type").asString()).isEqualTo("ready");
		return client;
	}

	public SocketClient send(String text) {
		this.outbound.tryEmitNext(new TextWebSocketFrame(text)).orThrow();
		return this;
	}

	SocketClient sendBinary(byte[] bytes) {
		this.outbound.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).orThrow();
		return this;
	}

	/** The next text frame as JSON, within 5 s. */
	public JsonNode next() {
		return JSON.readTree(nextText());
	}

	String nextText() {
		try {
			String frame = this.frames.poll(5, TimeUnit.SECONDS);
			if (frame == null) {
				fail("No frame within 5 s" + (this.closed.isDone() ? "; closed with " + this.closed.join() : ""));
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next frames, until one matches the type; the others are returned too. */
	List<JsonNode> until(String type) {
		List<JsonNode> seen = new ArrayList<>();
		while (true) {
			JsonNode frame = next();
			seen.add(frame);
			if (type.equals(frame.path("type").asString())) {
				return seen;
			}
		}
	}

	/** The next text frame within the time, {@code null} when none comes. */
	@Nullable String poll(Duration within) throws InterruptedException {
		return this.frames.poll(within.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Whether no text frame comes within the time. */
	boolean quietFor(Duration duration) throws InterruptedException {
		return this.frames.poll(duration.toMillis(), TimeUnit.MILLISECONDS) == null;
	}

	boolean pinged(Duration within) throws InterruptedException {
		return this.pings.poll(within.toMillis(), TimeUnit.MILLISECONDS) != null;
	}

	/** The close status, within the time. */
	public WebSocketCloseStatus awaitClose(Duration within) {
		try {
			return this.closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("Not closed within " + within, ex);
		}
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	void awaitConnected() {
		this.connected.orTimeout(5, TimeUnit.SECONDS).join();
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

	/** Starts reading a client that was connected {@link Builder#notReading() not reading}. */
	void resume() {
		this.reader.resume();
		Channel channel = this.channel;
		if (channel != null) {
			channel.config().setAutoRead(true);
			channel.read();
		}
	}

	private final class Reader extends BaseSubscriber<WebSocketFrame> {

		volatile Sinks.@Nullable Empty<Void> done;

		private volatile boolean resumed;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			if (this.resumed) {
				subscription.request(Long.MAX_VALUE);
			}
		}

		void resume() {
			this.resumed = true;
			request(Long.MAX_VALUE);
		}

		@Override
		protected void hookOnNext(WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame text) {
				SocketClient.this.frames.add(text.text());
			}
			else if (frame instanceof PingWebSocketFrame) {
				SocketClient.this.pings.add(true);
			}
		}

		@Override
		protected void hookFinally(SignalType type) {
			Sinks.Empty<Void> done = this.done;
			if (done != null) {
				done.tryEmitEmpty();
			}
		}

	}

	public static final class Builder {

		private final int port;

		private String path = "/__runner/ws";

		private final Map<String, String> headers = new java.util.LinkedHashMap<>();

		private boolean answerPings = true;

		private boolean reading = true;

		private @Nullable String protocols = "runner.v1";

		Builder(int port) {
			this.port = port;
		}

		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Builder path(String path) {
			this.path = path;
			return this;
		}

		Builder protocols(@Nullable String protocols) {
			this.protocols = protocols;
			return this;
		}

		/** A client that does not answer pings, as a vanished one. */
		Builder deaf() {
			this.answerPings = false;
			return this;
		}

		/** A client that never reads what the server sends. */
		Builder notReading() {
			this.reading = false;
			return this;
		}

		public SocketClient connect() {
			SocketClient client = new SocketClient(this.port, this.path, this.headers, this.answerPings,
					this.protocols, this.reading);
			client.awaitConnected();
			return client;
		}

	}

}
