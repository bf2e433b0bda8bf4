package dev.runner.spring.core;

import java.time.Duration;

/**
 * Told what the broker does (docs/socket.md §7): publications relayed to and from other instances, relays that
 * failed, health probes. Implementations must be quick and must not throw; metrics hook in here.
 *
 * @since 0.1.0
 */
public interface RunnerBrokerListener {

	/** A listener that does nothing. */
	RunnerBrokerListener NONE = new RunnerBrokerListener() {
	};

	/**
	 * A publication of this instance was handed to the broker.
	 */
	default void sent() {
	}

	/**
	 * A publication of another instance arrived through the broker.
	 */
	default void received() {
	}

	/**
	 * Something could not be relayed: a publication or a command for another instance.
	 * @param operation {@code publish}, {@code send}, {@code subscribe}, {@code unsubscribe}, {@code copy} or
	 * {@code close}
	 */
	default void failed(String operation) {
	}

	/**
	 * A health probe came back.
	 * @param roundTrip from sending it to receiving it
	 */
	default void probed(Duration roundTrip) {
	}

}
