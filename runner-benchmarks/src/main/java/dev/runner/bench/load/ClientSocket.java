package dev.runner.bench.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One client socket of the benchmark, opened by {@link SocketClients}. Every method must be called on its event loop
 * ({@link #channel()}{@code .eventLoop()}), where its frames are delivered too.
 *
 * @since 0.1.0
 */
final class ClientSocket {

	private final Channel channel;

	private volatile SocketFrames frames;

	/** A workload's per-socket state. */
	Object state;

	ClientSocket(Channel channel, SocketFrames frames) {
		this.channel = channel;
		this.frames = frames;
	}

	Channel channel() {
		return this.channel;
	}

	SocketFrames frames() {
		return this.frames;
	}

	void frames(SocketFrames frames) {
		this.frames = frames;
	}

	boolean isOpen() {
		return this.channel.isActive();
	}

	/**
	 * Queues a text message; it goes out with the next {@link #flush()} (or when the socket's read batch ends).
	 * @param utf8 the message; not copied, must not change
	 */
	void write(byte[] utf8) {
		this.channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)), this.channel.voidPromise());
	}

	void write(String text) {
		write(text.getBytes(StandardCharsets.UTF_8));
	}

	void flush() {
		this.channel.flush();
	}

	void close() {
		this.channel.close();
	}

}
