package dev.runner.spring.observation;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.core.EventDescriptor;

/**
 * Context of the observation of one event emission.
 *
 * @since 0.1.0
 */
public class RunnerEventObservationContext extends RunnerObservationContext {

	private final EventDescriptor event;

	/**
	 * Creates a context.
	 * @param event the event
	 * @param runnerContext the context of the call
	 */
	public RunnerEventObservationContext(EventDescriptor event, RunnerContext runnerContext) {
		super(runnerContext);
		this.event = event;
	}

	/**
	 * Returns the event.
	 * @return the event
	 */
	public EventDescriptor getEvent() {
		return this.event;
	}

	@Override
	public String getId() {
		return this.event.id();
	}

}
