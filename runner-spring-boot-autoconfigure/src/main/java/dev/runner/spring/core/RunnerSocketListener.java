package dev.runner.spring.core;

/**
 * Told what the socket door does (docs/socket.md): connections, frames, slow-consumer drops, closes and channel
 * publications. Implementations must be quick and must not throw: they are called on the event loop, once per frame;
 * metrics hook in here.
 *
 * @since 0.1.0
 */
public interface RunnerSocketListener {

	/** A listener that does nothing. */
	RunnerSocketListener NONE = new RunnerSocketListener() {
	};

	/**
	 * A WebSocket connection was opened (before authentication).
	 */
	default void opened() {
	}

	/**
	 * A WebSocket connection closed.
	 * @param code the close code, 1006 when it ended without a close frame
	 */
	default void closed(int code) {
	}

	/**
	 * A frame was received or sent.
	 * @param inbound whether it was received
	 * @param type the frame type, such as {@code task} or {@code result}; {@code invalid} for a received frame that
	 * was not a client frame
	 */
	default void frame(boolean inbound, String type) {
	}

	/**
	 * Frames were dropped by the slow-consumer policy.
	 * @param frames how many
	 */
	default void dropped(int frames) {
	}

	/**
	 * A publication was made on a channel.
	 * @param channel the channel name
	 */
	default void published(String channel) {
	}

}
