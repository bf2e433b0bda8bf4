package dev.runner.spring.core;

import java.util.Set;

/**
 * What the broker can tell about this instance (docs/socket.md §7), for the actuator endpoint.
 *
 * @since 0.1.0
 */
public interface RunnerBrokerStatistics {

	/**
	 * Returns the broker's name, as in {@code runner.socket.broker}.
	 * @return {@code redis}
	 */
	String broker();

	/**
	 * Returns this instance's id, the first part of its socket ids.
	 * @return the id
	 */
	String instanceId();

	/**
	 * Returns the channels this instance holds at the broker: those with a local subscriber.
	 * @return the channel names, sorted
	 */
	Set<String> heldChannels();

}
