package dev.runner.spring.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;


/**
 * The allow-list of docs/tunnel-http.md §6: which task and event ids the doors (the HTTP tunnel, and every other
 * transport) serve to remote callers. A task is served when it is
 * registered, {@code @RunnerTask(exposed = true)}, and matches one of the task patterns; an event when it is
 * registered and matches one of the event patterns. In a pattern, {@code *} matches any characters except {@code .}
 * and {@code **} matches any characters. The sets are computed once, on first use after the registry is frozen.
 *
 * @since 0.1.0
 */
public final class RunnerExposure {

	private final Supplier<Set<String>> tasks;

	private final Supplier<Set<String>> events;

	/**
	 * Creates the allow-list.
	 * @param registry the registry
	 * @param taskPatterns the task id patterns, {@code [**]} to serve every task
	 * @param eventPatterns the event id patterns, {@code [**]} to serve every event
	 */
	public RunnerExposure(RunnerRegistry registry, List<String> taskPatterns, List<String> eventPatterns) {
		RunnerIdPatterns tasks = new RunnerIdPatterns(taskPatterns);
		RunnerIdPatterns events = new RunnerIdPatterns(eventPatterns);
		this.tasks = SingletonSupplier.of(() -> served(registry.tasks().stream()
			.filter(TaskDescriptor::exposed)
			.map(TaskDescriptor::id)
			.toList(), tasks));
		this.events = SingletonSupplier.of(
				() -> served(registry.events().stream().map(EventDescriptor::id).toList(), events));
	}

	private static Set<String> served(List<String> ids, RunnerIdPatterns patterns) {
		Set<String> served = new LinkedHashSet<>();
		for (String id : ids) {
			if (patterns.matches(id)) {
				served.add(id);
			}
		}
		return Collections.unmodifiableSet(served);
	}

	/**
	 * Whether remote callers are served a task.
	 * @param id the task id
	 * @return whether it is served
	 */
	public boolean servesTask(String id) {
		return this.tasks.get().contains(id);
	}

	/**
	 * Whether remote callers are served an event.
	 * @param id the event id
	 * @return whether it is served
	 */
	public boolean servesEvent(String id) {
		return this.events.get().contains(id);
	}

	/**
	 * Returns the served task ids, sorted.
	 * @return the ids
	 */
	public List<String> taskIds() {
		return new ArrayList<>(this.tasks.get());
	}

	/**
	 * Returns the served event ids, sorted.
	 * @return the ids
	 */
	public List<String> eventIds() {
		return new ArrayList<>(this.events.get());
	}

}
