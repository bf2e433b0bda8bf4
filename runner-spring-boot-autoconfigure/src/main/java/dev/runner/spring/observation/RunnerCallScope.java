package dev.runner.spring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * What is current on a thread while it works for one runner call: the request id in the MDC and, while the execution
 * runs, its observation in scope (so that tracing puts the span's ids in the MDC too, and observations created by the
 * handler are its children). A scheduler hook carries the scope over to the tasks that the call schedules on Reactor's
 * schedulers, so that a blocking handler running on the bounded elastic scheduler, or a reactive one resumed by a
 * timer, logs with the request id.
 */
final class RunnerCallScope {

	private static final String HOOK_KEY = RunnerCallScope.class.getName();

	private static final ThreadLocal<@Nullable RunnerCallScope> CURRENT = new ThreadLocal<>();

	private static int hookUsers;

	private final String requestId;

	private final Observation observation;

	private volatile boolean finished;

	RunnerCallScope(String requestId, Observation observation) {
		this.requestId = requestId;
		this.observation = observation;
	}

	/**
	 * Makes this scope current on this thread, with the observation in scope unless the execution finished.
	 * @return what to close to restore the thread's previous state
	 */
	Entered enter() {
		return enter(!this.finished);
	}

	/**
	 * Makes this scope current on this thread.
	 * @param withObservation whether to open the observation's scope as well
	 * @return what to close to restore the thread's previous state
	 */
	Entered enter(boolean withObservation) {
		RunnerCallScope previous = CURRENT.get();
		CURRENT.set(this);
		String previousRequestId = RunnerLogContext.put(this.requestId);
		Observation.Scope scope = (withObservation && !this.observation.isNoop()) ? this.observation.openScope()
				: null;
		return new Entered(previous, previousRequestId, scope);
	}

	/**
	 * Marks the execution as finished: from now on the observation is no longer put in scope.
	 */
	void finish() {
		this.finished = true;
	}

	/**
	 * Installs the scheduler hook, once for all users.
	 */
	static synchronized void retainSchedulerHook() {
		if (hookUsers++ == 0) {
			Schedulers.onScheduleHook(HOOK_KEY, RunnerCallScope::propagate);
		}
	}

	/**
	 * Removes the scheduler hook when its last user is gone.
	 */
	static synchronized void releaseSchedulerHook() {
		if (hookUsers > 0 && --hookUsers == 0) {
			Schedulers.resetOnScheduleHook(HOOK_KEY);
		}
	}

	/**
	 * Decorates a task scheduled while a call scope is current so that it runs in that scope; other tasks are left
	 * alone.
	 */
	static Runnable propagate(Runnable task) {
		RunnerCallScope scope = CURRENT.get();
		if (scope == null) {
			return task;
		}
		return () -> {
			try (Entered entered = scope.enter()) {
				task.run();
			}
		};
	}

	static @Nullable RunnerCallScope current() {
		return CURRENT.get();
	}

	/**
	 * The state a thread had before a scope was entered.
	 */
	static final class Entered implements AutoCloseable {

		private final @Nullable RunnerCallScope previous;

		private final @Nullable String previousRequestId;

		private final Observation.@Nullable Scope scope;

		private Entered(@Nullable RunnerCallScope previous, @Nullable String previousRequestId,
				Observation.@Nullable Scope scope) {
			this.previous = previous;
			this.previousRequestId = previousRequestId;
			this.scope = scope;
		}

		@Override
		public void close() {
			if (this.scope != null) {
				this.scope.close();
			}
			RunnerLogContext.restore(this.previousRequestId);
			if (this.previous != null) {
				CURRENT.set(this.previous);
			}
			else {
				CURRENT.remove();
			}
		}

	}

}
