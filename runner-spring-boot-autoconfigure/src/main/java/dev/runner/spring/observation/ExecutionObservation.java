package dev.runner.spring.observation;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.observability.DefaultSignalListener;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The observation of one subscription to an execution, as a Reactor {@code tap} listener: started right before the
 * subscription, stopped once on the first value, completion, error or cancellation, and counted alike. The
 * observation is put in the Reactor context of the execution, so that the handler's own observations are its
 * children.
 */
final class ExecutionObservation extends DefaultSignalListener<Object> {

	private static final AtomicIntegerFieldUpdater<ExecutionObservation> DONE = AtomicIntegerFieldUpdater
		.newUpdater(ExecutionObservation.class, "done");

	private final Observation observation;

	private final RunnerObservationContext context;

	private final RunnerExecutionStatistics.Counter counter;

	private volatile int done;

	ExecutionObservation(Observation observation, RunnerObservationContext context,
			RunnerExecutionStatistics.Counter counter, ContextView subscriberContext) {
		this.observation = observation;
		this.context = context;
		this.counter = counter;
		Observation parent = subscriberContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null && !observation.isNoop()) {
			observation.parentObservation(parent);
		}
	}

	@Override
	public void doFirst() {
		this.observation.start();
		this.counter.started();
	}

	@Override
	public Context addToContext(Context originalContext) {
		return this.observation.isNoop() ? originalContext
				: originalContext.put(ObservationThreadLocalAccessor.KEY, this.observation);
	}

	@Override
	public void doOnNext(Object value) {
		succeeded();
	}

	@Override
	public void doOnComplete() {
		succeeded();
	}

	@Override
	public void doOnError(Throwable failure) {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.counter.failed();
			this.observation.error(failure);
			this.observation.stop();
		}
	}

	@Override
	public void doOnCancel() {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.counter.cancelled();
			this.context.setCancelled(true);
			this.observation.stop();
		}
	}

	private void succeeded() {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.counter.succeeded();
			this.context.setCompleted(true);
			this.observation.stop();
		}
	}

}
