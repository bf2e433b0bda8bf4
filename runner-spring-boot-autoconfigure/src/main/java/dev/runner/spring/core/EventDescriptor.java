package dev.runner.spring.core;

import java.util.List;

/**
 * One event id and its listeners, in the order they run.
 *
 * @param id the event id
 * @param parallel whether listeners of the same order run concurrently
 * @param listeners the listeners the emission waits for, sorted by order, then {@code @Order}, then bean and method
 * name; empty for an event declared with {@code runner.events.declared} only
 * @param asyncListeners the fire-and-forget listeners ({@code @RunnerEvent(async = true)}), in the same order
 * @since 0.1.0
 */
public record EventDescriptor(String id, boolean parallel, List<EventListenerDescriptor> listeners,
		List<EventListenerDescriptor> asyncListeners) {

}
