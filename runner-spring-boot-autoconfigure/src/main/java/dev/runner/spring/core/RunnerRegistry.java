package dev.runner.spring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Every task and event of the application, found once after start-up by {@link RunnerMethodProcessor} and frozen
 * from then on: lookups are plain map reads.
 *
 * @since 0.1.0
 */
public final class RunnerRegistry {

	private static final Comparator<EventListenerDescriptor> LISTENER_ORDER = Comparator
		.comparingInt(EventListenerDescriptor::order)
		.thenComparingInt(EventListenerDescriptor::beanOrder)
		.thenComparing(EventListenerDescriptor::beanName)
		.thenComparing((listener) -> listener.method().getName());

	private final Set<String> declaredEvents;

	private volatile Map<String, TaskDescriptor> tasks = Map.of();

	private volatile Map<String, EventDescriptor> events = Map.of();

	private volatile boolean frozen;

	/**
	 * Creates an empty registry.
	 * @param declaredEvents event ids that exist even without a listener ({@code runner.events.declared})
	 */
	public RunnerRegistry(Collection<String> declaredEvents) {
		this.declaredEvents = new LinkedHashSet<>(declaredEvents);
	}

	/**
	 * Registers every handler at once and freezes the registry.
	 * @param taskHandlers the task handlers
	 * @param listeners the event listeners
	 * @param problemsFound problems found before, reported together with the registry's own
	 * @throws IllegalStateException if the registry is frozen already
	 * @throws RunnerHandlerConfigurationException if problems were found before, two handlers claim one task id, or
	 * the listeners of one event disagree on {@code parallel}
	 */
	public synchronized void initialize(List<TaskDescriptor> taskHandlers, List<EventListenerDescriptor> listeners,
			List<String> problemsFound) {
		if (this.frozen) {
			throw new IllegalStateException("The runner registry is frozen");
		}
		List<String> problems = new ArrayList<>(problemsFound);
		Map<String, TaskDescriptor> byId = new TreeMap<>();
		for (TaskDescriptor task : taskHandlers) {
			TaskDescriptor existing = byId.putIfAbsent(task.id(), task);
			if (existing != null) {
				problems.add("Task id '" + task.id() + "' is claimed by both " + existing.handlerName() + " and "
						+ task.handlerName() + ": give one of them another id");
			}
		}
		Map<String, List<EventListenerDescriptor>> byEvent = new TreeMap<>();
		this.declaredEvents.forEach((id) -> byEvent.put(id, new ArrayList<>()));
		listeners.forEach((listener) -> byEvent.computeIfAbsent(listener.eventId(), (id) -> new ArrayList<>())
			.add(listener));
		Map<String, EventDescriptor> events = new LinkedHashMap<>();
		byEvent.forEach((id, list) -> {
			list.sort(LISTENER_ORDER);
			boolean parallel = !list.isEmpty() && list.get(0).parallel();
			List<EventListenerDescriptor> disagreeing = list.stream().filter((l) -> l.parallel() != parallel).toList();
			if (!disagreeing.isEmpty()) {
				problems.add("Listeners of event '" + id + "' disagree on parallel: " + list.stream()
					.map((l) -> l.handlerName() + " says " + l.parallel())
					.toList() + ": declare the same @RunnerEvent(parallel) on all of them");
			}
			events.put(id, new EventDescriptor(id, parallel,
					list.stream().filter((listener) -> !listener.async()).toList(),
					list.stream().filter(EventListenerDescriptor::async).toList()));
		});
		if (!problems.isEmpty()) {
			throw new RunnerHandlerConfigurationException(problems);
		}
		this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
		this.events = Collections.unmodifiableMap(events);
		this.frozen = true;
	}

	/**
	 * Returns one task.
	 * @param id the task id
	 * @return the task, or {@code null} when no handler declares it
	 */
	public @Nullable TaskDescriptor task(String id) {
		return this.tasks.get(id);
	}

	/**
	 * Returns one event.
	 * @param id the event id
	 * @return the event, or {@code null} when no listener declares it and it is not in {@code runner.events.declared}
	 */
	public @Nullable EventDescriptor event(String id) {
		return this.events.get(id);
	}

	/**
	 * Returns every task, sorted by id.
	 * @return the tasks
	 */
	public Collection<TaskDescriptor> tasks() {
		return this.tasks.values();
	}

	/**
	 * Returns every event, sorted by id.
	 * @return the events
	 */
	public Collection<EventDescriptor> events() {
		return this.events.values();
	}

}
