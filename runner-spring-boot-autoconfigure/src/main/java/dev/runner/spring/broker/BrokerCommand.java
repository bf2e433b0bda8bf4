package dev.runner.spring.broker;

import org.jspecify.annotations.Nullable;

/**
 * What one instance asks another through the broker (docs/socket.md §7): JSON on the Redis channel of the instance
 * that holds the socket ({@code <prefix>instance:<id>}), or on the channel of every instance
 * ({@code <prefix>instances}) for {@code copySubscriptions}.
 *
 * @param op {@code send}, {@code subscribe}, {@code unsubscribe}, {@code copy}, {@code close}, or {@code probe} (sent by an
 * instance to itself for its health check)
 * @param origin the id of the instance that asks
 * @param socket the socket id ({@code send}, {@code subscribe}, {@code unsubscribe}, {@code close})
 * @param channel the channel ({@code subscribe}, {@code unsubscribe}; for {@code copy} the one copied from)
 * @param to the channel copied to ({@code copy})
 * @param code the close code ({@code close})
 * @param reason the close reason ({@code close})
 * @param frame the {@code direct} frame's JSON ({@code send}); the probe's token ({@code probe})
 */
record BrokerCommand(String op, String origin, @Nullable String socket, @Nullable String channel, @Nullable String to,
		int code, @Nullable String reason, @Nullable String frame) {

	static BrokerCommand send(String origin, String socket, String frame) {
		return new BrokerCommand("send", origin, socket, null, null, 0, null, frame);
	}

	static BrokerCommand subscription(String origin, String socket, String channel, boolean subscribe) {
		return new BrokerCommand(subscribe ? "subscribe" : "unsubscribe", origin, socket, channel, null, 0, null, null);
	}

	static BrokerCommand copy(String origin, String from, String to) {
		return new BrokerCommand("copy", origin, null, from, to, 0, null, null);
	}

	static BrokerCommand probe(String origin, String probe) {
		return new BrokerCommand("probe", origin, null, null, null, 0, null, probe);
	}

	static BrokerCommand close(String origin, String socket, int code, String reason) {
		return new BrokerCommand("close", origin, socket, null, null, code, reason, null);
	}

}
