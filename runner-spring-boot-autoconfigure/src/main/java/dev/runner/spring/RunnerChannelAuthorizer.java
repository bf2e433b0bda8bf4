package dev.runner.spring;

import reactor.core.publisher.Mono;

/**
 * Decides whether a client may subscribe or publish to a channel over the socket (docs/socket.md §3), asked after the
 * {@code runner.socket.client-subscribe} and {@code runner.socket.client-publish} patterns matched. Every authorizer
 * bean must agree; a {@code false}, an empty answer or a failure refuses the request with 403 {@code FORBIDDEN}. The
 * server's own {@link RunnerChannels} calls are not asked. Authorizers run on the event loop: they must not block.
 *
 * @since 0.1.0
 */
public interface RunnerChannelAuthorizer {

	/**
	 * Decides whether a socket may subscribe to a channel.
	 * @param socket the socket
	 * @param channel the channel name
	 * @return {@code true} to allow; {@code true} by default
	 */
	default Mono<Boolean> canSubscribe(RunnerSocket socket, String channel) {
		return Mono.just(true);
	}

	/**
	 * Decides whether a socket may publish to a channel.
	 * @param socket the socket
	 * @param channel the channel name
	 * @return {@code true} to allow; {@code true} by default
	 */
	default Mono<Boolean> canPublish(RunnerSocket socket, String channel) {
		return Mono.just(true);
	}

}
