package dev.runner.spring.socket;

import reactor.core.publisher.Mono;

/**
 * What carries channels and direct sends to the other instances of the application (docs/socket.md §7), for
 * {@link LocalRunnerChannels}: the broker ({@code runner.socket.broker}) implements it, and hands what other instances
 * relay back to the channels' {@code …Here} methods. Frames are the UTF-8 JSON of the socket protocol's frames,
 * encoded once by the instance where they start.
 *
 * @since 0.1.0
 */
public interface SocketRelay {

	/**
	 * Relays a publication to the other instances; never waits, never fails the publication: a lost relay is counted
	 * and logged by the relay (at most once).
	 * @param channel the channel
	 * @param frame the {@code message} frame
	 */
	void publish(String channel, byte[] frame);

	/**
	 * Relays a {@code direct} frame to the instance that holds the socket.
	 * @param socketId a socket id of another instance
	 * @param frame the {@code direct} frame
	 * @return {@code true} once handed to the broker, {@code false} when it could not be
	 */
	Mono<Boolean> send(String socketId, byte[] frame);

	/**
	 * Relays a subscription change of a socket of another instance.
	 * @param subscribe {@code true} to subscribe, {@code false} to unsubscribe
	 * @return {@code true} once handed to the broker, {@code false} when it could not be
	 */
	Mono<Boolean> subscription(String socketId, String channel, boolean subscribe);

	/**
	 * Relays {@code copySubscriptions} to every other instance, each of which copies its own sockets' subscriptions.
	 * @return {@code true} once handed to the broker, {@code false} when it could not be
	 */
	Mono<Boolean> copySubscriptions(String fromChannel, String toChannel);

	/**
	 * Relays a close to the instance that holds the socket.
	 * @return {@code true} once handed to the broker, {@code false} when it could not be
	 */
	Mono<Boolean> close(String socketId, int code, String reason);

	/**
	 * Told when a channel may have gained its first local subscriber or lost its last: the relay then asks
	 * {@link LocalRunnerChannels#hasSubscribers(String)} and holds the channel at the broker while it does, so that an
	 * instance listens once per channel, not once per socket.
	 * @param channel the channel
	 */
	void subscribersChanged(String channel);

}
