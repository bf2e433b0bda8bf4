package dev.runner.spring;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Channels of the runner socket protocol (docs/socket.md §3) as the server sees them: publish to a channel, send to
 * one socket, and manage subscriptions. The server's own calls are trusted: no channel patterns, no
 * {@link RunnerChannelAuthorizer}, no subscription limit. Inject the bean where a task or a schedule publishes.
 * <p>
 * Values are encoded with the runner serializer, once per publication whatever the number of subscribers. Delivery is
 * at most once: nothing is kept for sockets that are not connected.
 *
 * @since 0.1.0
 */
public interface RunnerChannels {

	/**
	 * Publishes a message: every socket subscribed at this moment receives {@code {"type":"message","channel":…,
	 * "data":…}}, once, in publication order per publisher.
	 * @param channel the channel name, 1-256 characters without control characters
	 * @param data the data, {@code null} for JSON {@code null}
	 * @return completes once the message is handed to every subscriber's outbound queue; an
	 * {@link IllegalArgumentException} for a channel name that breaks the rule
	 */
	Mono<Void> publish(String channel, @Nullable Object data);

	/**
	 * Sends {@code {"type":"direct","data":…}} to one socket.
	 * @param socketId the socket id
	 * @param data the data, {@code null} for JSON {@code null}
	 * @return {@code true} once handed to the socket's outbound queue, {@code false} when no such socket is open
	 */
	Mono<Boolean> send(String socketId, @Nullable Object data);

	/**
	 * Subscribes a socket to a channel.
	 * @param socketId the socket id
	 * @param channel the channel name
	 * @return {@code true} when the socket was not subscribed yet, {@code false} when it was or is not open
	 */
	Mono<Boolean> subscribe(String socketId, String channel);

	/**
	 * Unsubscribes a socket from a channel.
	 * @param socketId the socket id
	 * @param channel the channel name
	 * @return {@code true} when the socket was subscribed
	 */
	Mono<Boolean> unsubscribe(String socketId, String channel);

	/**
	 * Subscribes every current subscriber of one channel to another too.
	 * @param fromChannel the channel whose subscribers are copied
	 * @param toChannel the channel they also subscribe to
	 * @return completes once done
	 */
	Mono<Void> copySubscriptions(String fromChannel, String toChannel);

	/**
	 * Closes a socket.
	 * @param socketId the socket id
	 * @param code the WebSocket close code, 1000 or 4000-4999
	 * @param reason the close reason, at most 123 bytes of UTF-8
	 * @return completes once the close frame is on its way; nothing for a socket that is not open
	 */
	Mono<Void> close(String socketId, int code, String reason);

	/**
	 * Returns the sockets open on this instance.
	 * @return the sockets, authenticated ones only
	 */
	Flux<RunnerSocket> sockets();

	/**
	 * Returns the ids of the sockets of this instance that subscribe to a channel.
	 * @param channel the channel name
	 * @return the socket ids
	 */
	Flux<String> subscribers(String channel);

	/**
	 * Returns the channels that sockets of this instance subscribe to.
	 * @return the channel names, each with at least one local subscriber
	 */
	Flux<String> channels();

}
