package dev.runner.spring.client;

import java.util.List;

/**
 * What a runner server's discovery endpoint ({@code GET {base-path}/discovery}, docs/tunnel-http.md §6) says it
 * serves: {@code {"allowList":{"enabled":b,"tasks":[...],"events":[...]}}}.
 *
 * @param allowListEnabled whether the server's allow-list is on (always so for this starter)
 * @param tasks the ids of the tasks it serves, in the server's order
 * @param events the ids of the events it serves, in the server's order
 * @since 0.2.0
 */
public record RunnerDiscovery(boolean allowListEnabled, List<String> tasks, List<String> events) {

	/**
	 * Creates a discovery answer.
	 * @param allowListEnabled whether the allow-list is on
	 * @param tasks the task ids, copied
	 * @param events the event ids, copied
	 */
	public RunnerDiscovery {
		tasks = List.copyOf(tasks);
		events = List.copyOf(events);
	}

}
