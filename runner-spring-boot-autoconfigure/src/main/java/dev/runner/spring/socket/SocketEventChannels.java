package dev.runner.spring.socket;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.runner.spring.core.RunnerEmissionListener;
import dev.runner.spring.core.RunnerIdPatterns;

/**
 * Publishes the events of {@code runner.socket.publish-events} on the channel named like the event, with the final
 * payload as {@code data}, after their listeners ran, whichever door emitted them (docs/socket.md §3).
 *
 * @since 0.1.0
 */
public final class SocketEventChannels implements RunnerEmissionListener {

	private final RunnerIdPatterns events;

	private final LocalRunnerChannels channels;

	SocketEventChannels(RunnerIdPatterns events, LocalRunnerChannels channels) {
		this.events = events;
		this.channels = channels;
	}

	@Override
	public boolean wants(String eventId) {
		return !this.events.isEmpty() && this.events.matches(eventId) && SocketFrameReader.isValidChannel(eventId);
	}

	@Override
	public Mono<Void> emitted(String eventId, @Nullable Object payload) {
		return this.channels.publish(eventId, payload);
	}

}
