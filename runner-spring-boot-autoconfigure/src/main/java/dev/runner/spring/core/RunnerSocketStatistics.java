package dev.runner.spring.core;

import java.util.Map;

/**
 * What the socket door can tell about this instance at any moment, for the actuator endpoint: how many sockets are open
 * and who subscribes to what.
 *
 * @since 0.1.0
 */
public interface RunnerSocketStatistics {

	/**
	 * Returns the number of authenticated sockets open on this instance.
	 * @return the count
	 */
	int socketCount();

	/**
	 * Returns the channels with local subscribers.
	 * @return the number of local subscribers by channel name, sorted by name
	 */
	Map<String, Integer> channelSubscribers();

}
