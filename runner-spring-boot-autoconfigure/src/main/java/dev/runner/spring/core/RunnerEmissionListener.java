package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Told of every successful emission of the events it wants, whatever door emitted them (HTTP, socket, in-process),
 * once their listeners ran: how events reach socket channels ({@code runner.socket.publish-events},
 * docs/socket.md §3).
 *
 * @since 0.1.0
 */
public interface RunnerEmissionListener {

	/**
	 * Whether the listener wants to hear of an event; asked once per emission, before it runs.
	 * @param eventId the event id
	 * @return whether {@link #emitted} is called for it
	 */
	boolean wants(String eventId);

	/**
	 * An event was emitted and its listeners ran.
	 * @param eventId the event id
	 * @param payload the final payload, {@code null} for none
	 * @return completes when done; a failure fails the emission
	 */
	Mono<Void> emitted(String eventId, @Nullable Object payload);

}
