package dev.runner.spring.core;

/**
 * Finds the task or event a remote call names, for every door: served by the allow-list ({@link RunnerExposure}),
 * else 403 {@code FORBIDDEN}; then registered, else 404 {@code NOT_FOUND} (docs/tunnel-http.md §2.2, docs/socket.md
 * §2).
 *
 * @since 0.1.0
 */
public final class RunnerAdmission {

	private final RunnerRegistry registry;

	private final RunnerExposure exposure;

	/**
	 * Creates the admission.
	 * @param registry the registry
	 * @param exposure the allow-list
	 */
	public RunnerAdmission(RunnerRegistry registry, RunnerExposure exposure) {
		this.registry = registry;
		this.exposure = exposure;
	}

	/**
	 * Returns the task a call names.
	 * @param id the task id
	 * @return the task
	 * @throws RunnerRejectedException 403 {@code FORBIDDEN} {@code Task <id> not exposed}, or 404 {@code NOT_FOUND}
	 */
	public TaskDescriptor task(String id) {
		if (!this.exposure.servesTask(id)) {
			throw RunnerRejectedException.notExposed("Task", id);
		}
		TaskDescriptor task = this.registry.task(id);
		if (task == null) {
			throw RunnerRejectedException.notRegistered("Task", id);
		}
		return task;
	}

	/**
	 * Returns the event a call names.
	 * @param id the event id
	 * @return the event
	 * @throws RunnerRejectedException 403 {@code FORBIDDEN} {@code Event <id> not exposed}, or 404 {@code NOT_FOUND}
	 */
	public EventDescriptor event(String id) {
		if (!this.exposure.servesEvent(id)) {
			throw RunnerRejectedException.notExposed("Event", id);
		}
		EventDescriptor event = this.registry.event(id);
		if (event == null) {
			throw RunnerRejectedException.notRegistered("Event", id);
		}
		return event;
	}

}
