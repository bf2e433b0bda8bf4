package dev.runner.spring.core;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerContext;

/**
 * Sees every task run and event emission that goes through {@link RunnerExecution}, by wrapping the execution's
 * {@link Mono} before anyone subscribes to it. Metrics and tracing hook in here; an observer must not change the
 * execution's result or error, only watch it (with {@link Mono#tap}, for example). The wrapped {@code Mono} is
 * subscribed with the call's request id in its Reactor context ({@link RunnerContext#REQUEST_ID_KEY}).
 *
 * @since 0.1.0
 */
public interface RunnerExecutionObserver {

	/**
	 * The observer that adds nothing.
	 */
	RunnerExecutionObserver NONE = new RunnerExecutionObserver() {

		@Override
		public Mono<Object> observeTask(TaskDescriptor task, RunnerContext context, Mono<Object> execution) {
			return execution;
		}

		@Override
		public Mono<Object> observeEvent(EventDescriptor event, RunnerContext context, Mono<Object> execution) {
			return execution;
		}

	};

	/**
	 * Wraps the run of a task.
	 * @param task the task
	 * @param context the context of the call
	 * @param execution the run, not subscribed yet
	 * @return the run as observed
	 */
	Mono<Object> observeTask(TaskDescriptor task, RunnerContext context, Mono<Object> execution);

	/**
	 * Wraps the emission of an event.
	 * @param event the event
	 * @param context the context of the call
	 * @param execution the emission, not subscribed yet
	 * @return the emission as observed
	 */
	Mono<Object> observeEvent(EventDescriptor event, RunnerContext context, Mono<Object> execution);

	/**
	 * Returns one observer that applies several, the first one outermost.
	 * @param observers the observers, in order
	 * @return the composite observer, {@link #NONE} when there are none
	 */
	static RunnerExecutionObserver of(List<? extends RunnerExecutionObserver> observers) {
		if (observers.isEmpty()) {
			return NONE;
		}
		if (observers.size() == 1) {
			return observers.get(0);
		}
		List<RunnerExecutionObserver> all = List.copyOf(observers);
		return new RunnerExecutionObserver() {

			@Override
			public Mono<Object> observeTask(TaskDescriptor task, RunnerContext context, Mono<Object> execution) {
				Mono<Object> observed = execution;
				for (int i = all.size() - 1; i >= 0; i--) {
					observed = all.get(i).observeTask(task, context, observed);
				}
				return observed;
			}

			@Override
			public Mono<Object> observeEvent(EventDescriptor event, RunnerContext context, Mono<Object> execution) {
				Mono<Object> observed = execution;
				for (int i = all.size() - 1; i >= 0; i--) {
					observed = all.get(i).observeEvent(event, context, observed);
				}
				return observed;
			}

		};
	}

}
