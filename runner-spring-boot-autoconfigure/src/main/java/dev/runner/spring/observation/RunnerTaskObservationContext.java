package dev.runner.spring.observation;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.core.TaskDescriptor;

/**
 * Context of the observation of one task run.
 *
 * @since 0.1.0
 */
public class RunnerTaskObservationContext extends RunnerObservationContext {

	private final TaskDescriptor task;

	/**
	 * Creates a context.
	 * @param task the task
	 * @param runnerContext the context of the call
	 */
	public RunnerTaskObservationContext(TaskDescriptor task, RunnerContext runnerContext) {
		super(runnerContext);
		this.task = task;
	}

	/**
	 * Returns the task.
	 * @return the task
	 */
	public TaskDescriptor getTask() {
		return this.task;
	}

	@Override
	public String getId() {
		return this.task.id();
	}

}
