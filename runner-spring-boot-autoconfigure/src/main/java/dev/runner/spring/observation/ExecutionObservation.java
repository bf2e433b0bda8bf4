package dev.runner.spring.observation;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.util.context.ContextView;

/**
 * The observation of one subscription to an execution: started when the execution is subscribed, stopped once on
 * the first value, completion, error or cancellation, and counted alike. The observation is put in the Reactor context
 * of the execution, so that the handler's own observations are its children. Plain peeking operators rather than a
 * {@code tap} listener: with context propagation on the class path, Reactor restores the thread-local values around
 * every callback of a {@code tap} listener, which this one does not need.
 */
final class ExecutionObservation {

	private static final AtomicIntegerFieldUpdater<ExecutionObservation> DONE = AtomicIntegerFieldUpdater
		.newUpdater(ExecutionObservation.class, "done");

	private final Observation observation;

	private final RunnerObservationContext context;

	private final RunnerExecutionStatistics.Counter counter;

	private volatile int done;

	private ExecutionObservation(Observation observation, RunnerObservationContext context,
			RunnerExecutionStatistics.Counter counter) {
		this.observation = observation;
		this.context = context;
		this.counter = counter;
	}

	/**
	 * Starts observing one subscription to an execution.
	 * @param execution the execution, subscribed by the returned {@code Mono}
	 * @param observation its observation, not started
	 * @param context the observation's context
	 * @param counter its live counts
	 * @param subscriberContext the Reactor context of the subscriber, where the parent observation may be
	 * @return the execution as observed
	 */
	static Mono<Object> observe(Mono<Object> execution, Observation observation, RunnerObservationContext context,
			RunnerExecutionStatistics.Counter counter, ContextView subscriberContext) {
		Observation parent = subscriberContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null && !observation.isNoop()) {
			observation.parentObservation(parent);
		}
		ExecutionObservation watch = new ExecutionObservation(observation, context, counter);
		observation.start();
		counter.started();
		Mono<Object> watched = execution.doOnEach(watch::signal).doOnCancel(watch::cancelled);
		return observation.isNoop() ? watched
				: watched.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY,
						observation));
	}

	private void signal(Signal<Object> signal) {
		if (signal.isOnError()) {
			if (DONE.compareAndSet(this, 0, 1)) {
				this.counter.failed();
				this.observation.error(signal.getThrowable());
				this.observation.stop();
			}
		}
		else if ((signal.isOnNext() || signal.isOnComplete()) && DONE.compareAndSet(this, 0, 1)) {
			this.counter.succeeded();
			this.context.setCompleted(true);
			this.observation.stop();
		}
	}

	private void cancelled() {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.counter.cancelled();
			this.context.setCancelled(true);
			this.observation.stop();
		}
	}

}
