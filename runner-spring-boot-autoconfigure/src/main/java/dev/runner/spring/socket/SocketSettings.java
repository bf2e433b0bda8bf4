package dev.runner.spring.socket;

import java.time.Duration;
import java.util.List;

import org.springframework.util.Assert;

import dev.runner.spring.core.RunnerIdPatterns;

/**
 * The limits and rules of the socket door ({@code runner.socket.*}, docs/socket.md §3-§5).
 *
 * @param authTimeout how long a socket may stay unauthenticated
 * @param pingInterval how often the server pings
 * @param pongTimeout how long after a ping the server waits for a pong or any other frame
 * @param maxFrameSize the largest message in bytes, fragments reassembled
 * @param maxChannels the most channels a client subscribes one socket to
 * @param maxInFlight the most requests one socket has running
 * @param maxConnections the most sockets open at once on this instance
 * @param outboundQueue the most frames queued for one socket
 * @param slowConsumer what to do when that queue is full
 * @param clientSubscribe the channels clients may subscribe to
 * @param clientPublish the channels clients may publish to
 * @since 0.1.0
 */
public record SocketSettings(Duration authTimeout, Duration pingInterval, Duration pongTimeout, int maxFrameSize,
		int maxChannels, int maxInFlight, int maxConnections, int outboundQueue, SlowConsumerPolicy slowConsumer,
		RunnerIdPatterns clientSubscribe, RunnerIdPatterns clientPublish) {

	/**
	 * Checks the settings.
	 */
	public SocketSettings {
		Assert.isTrue(maxFrameSize > 0, "'runner.socket.max-frame-size' must be positive");
		Assert.isTrue(maxChannels > 0, "'runner.socket.max-channels' must be positive");
		Assert.isTrue(maxInFlight > 0, "'runner.socket.max-in-flight' must be positive");
		Assert.isTrue(maxConnections > 0, "'runner.socket.max-connections' must be positive");
		Assert.isTrue(outboundQueue > maxInFlight, "'runner.socket.outbound-queue' must be larger than max-in-flight");
		Assert.isTrue(!pingInterval.isNegative() && !pingInterval.isZero(),
				"'runner.socket.ping-interval' must be positive");
		Assert.isTrue(!pongTimeout.isNegative() && !pongTimeout.isZero(),
				"'runner.socket.pong-timeout' must be positive");
		Assert.isTrue(!authTimeout.isNegative() && !authTimeout.isZero(),
				"'runner.socket.auth-timeout' must be positive");
	}

	/**
	 * The defaults of docs/socket.md: 5 s, 25 s, 10 s, 64 KB, 128, 64, no connection limit, 1024 frames,
	 * {@code close}, subscribe to {@code **}, publish to nothing.
	 * @return the defaults
	 */
	public static SocketSettings defaults() {
		return new SocketSettings(Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(10), 64 * 1024,
				128, 64, Integer.MAX_VALUE, 1024, SlowConsumerPolicy.CLOSE, new RunnerIdPatterns(List.of("**")),
				new RunnerIdPatterns(List.of()));
	}

	/**
	 * What happens when a socket's outbound queue is full (docs/socket.md §5).
	 */
	public enum SlowConsumerPolicy {

		/** Drop the queued frames and close the socket with 4408 {@code slow consumer}. */
		CLOSE,

		/** Drop the oldest queued channel messages (never results) and tell the client with {@code gap} frames. */
		DROP_OLDEST

	}

}
