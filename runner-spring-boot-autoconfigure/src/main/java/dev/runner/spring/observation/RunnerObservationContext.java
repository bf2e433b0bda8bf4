package dev.runner.spring.observation;

import io.micrometer.observation.Observation;

import dev.runner.spring.RunnerContext;

/**
 * What the observation of one execution knows: the call's {@link RunnerContext} and how the execution ended. The
 * failure, if any, is the observation's {@link #getError() error}.
 *
 * @since 0.1.0
 */
public abstract class RunnerObservationContext extends Observation.Context {

	private final RunnerContext runnerContext;

	private volatile boolean completed;

	private volatile boolean cancelled;

	/**
	 * Creates a context.
	 * @param runnerContext the context of the call
	 */
	protected RunnerObservationContext(RunnerContext runnerContext) {
		this.runnerContext = runnerContext;
	}

	/**
	 * Returns the id of the task or event.
	 * @return the id
	 */
	public abstract String getId();

	/**
	 * Returns the context of the call.
	 * @return the context of the call
	 */
	public RunnerContext getRunnerContext() {
		return this.runnerContext;
	}

	/**
	 * Returns the request id of the call.
	 * @return the request id
	 */
	public String getRequestId() {
		return this.runnerContext.requestId();
	}

	/**
	 * Whether the execution ended with a result.
	 * @return whether the execution completed
	 */
	public boolean isCompleted() {
		return this.completed;
	}

	/**
	 * Sets whether the execution ended with a result.
	 * @param completed whether the execution completed
	 */
	public void setCompleted(boolean completed) {
		this.completed = completed;
	}

	/**
	 * Whether the execution was cancelled before it ended (the caller went away).
	 * @return whether the execution was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Sets whether the execution was cancelled before it ended.
	 * @param cancelled whether the execution was cancelled
	 */
	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

}
