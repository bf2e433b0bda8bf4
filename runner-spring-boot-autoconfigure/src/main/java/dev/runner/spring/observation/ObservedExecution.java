package dev.runner.spring.observation;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One execution as {@link RunnerExecutionInstrumentation} observes it. Each subscription starts an observation (child
 * of the one in the subscriber's context, such as the HTTP server request's), counts the execution, and stops both on
 * the first result, error or cancellation. Subscribing, requesting and cancelling happen with the call's scope
 * current (request id in the MDC, observation in scope), and so do the signals passed on downstream (request id
 * only).
 */
final class ObservedExecution extends MonoOperator<Object, Object> {

	private final RunnerExecutionInstrumentation.Target target;

	ObservedExecution(Mono<Object> source, RunnerExecutionInstrumentation.Target target) {
		super(source);
		this.target = target;
	}

	@Override
	public void subscribe(CoreSubscriber<? super Object> actual) {
		Context subscriberContext = actual.currentContext();
		RunnerObservationContext observationContext = this.target.newContext();
		Observation observation = this.target.newObservation(observationContext);
		Observation parent = subscriberContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null && !observation.isNoop()) {
			observation.parentObservation(parent);
		}
		observation.start();
		this.target.counter().started();
		RunnerCallScope scope = new RunnerCallScope(this.target.requestId(), observation);
		Context context = observation.isNoop() ? subscriberContext
				: subscriberContext.put(ObservationThreadLocalAccessor.KEY, observation);
		ObservingSubscriber subscriber = new ObservingSubscriber(actual, context, this.target, observationContext,
				observation, scope, RunnerCallScope.current());
		try (RunnerCallScope.Entered entered = scope.enter()) {
			this.source.subscribe(subscriber);
		}
	}

	private static final class ObservingSubscriber implements CoreSubscriber<Object>, Subscription {

		private static final AtomicIntegerFieldUpdater<ObservingSubscriber> DONE = AtomicIntegerFieldUpdater
			.newUpdater(ObservingSubscriber.class, "done");

		private final CoreSubscriber<? super Object> actual;

		private final Context context;

		private final RunnerExecutionInstrumentation.Target target;

		private final RunnerObservationContext observationContext;

		private final Observation observation;

		private final RunnerCallScope scope;

		private final @Nullable RunnerCallScope enclosingScope;

		private @Nullable Subscription upstream;

		private volatile int done;

		ObservingSubscriber(CoreSubscriber<? super Object> actual, Context context,
				RunnerExecutionInstrumentation.Target target, RunnerObservationContext observationContext,
				Observation observation, RunnerCallScope scope, @Nullable RunnerCallScope enclosingScope) {
			this.actual = actual;
			this.context = context;
			this.target = target;
			this.observationContext = observationContext;
			this.observation = observation;
			this.scope = scope;
			this.enclosingScope = enclosingScope;
		}

		/**
		 * Enters the scope in which signals go downstream: the enclosing call's, when this execution was subscribed
		 * while another call was current (an in-process call from a handler), else this call's (without the finished
		 * observation).
		 */
		private RunnerCallScope.Entered enterDownstream() {
			return (this.enclosingScope != null) ? this.enclosingScope.enter() : this.scope.enter(false);
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(Object value) {
			succeeded();
			try (RunnerCallScope.Entered entered = enterDownstream()) {
				this.actual.onNext(value);
			}
		}

		@Override
		public void onError(Throwable failure) {
			if (DONE.compareAndSet(this, 0, 1)) {
				try (RunnerCallScope.Entered entered = this.scope.enter(true)) {
					this.target.failed(failure);
				}
				this.observation.error(failure);
				stop();
			}
			try (RunnerCallScope.Entered entered = enterDownstream()) {
				this.actual.onError(failure);
			}
		}

		@Override
		public void onComplete() {
			succeeded();
			try (RunnerCallScope.Entered entered = enterDownstream()) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			Subscription upstream = this.upstream;
			if (upstream != null) {
				try (RunnerCallScope.Entered entered = this.scope.enter()) {
					upstream.request(n);
				}
			}
		}

		@Override
		public void cancel() {
			if (DONE.compareAndSet(this, 0, 1)) {
				this.target.counter().cancelled();
				this.observationContext.setCancelled(true);
				stop();
			}
			Subscription upstream = this.upstream;
			if (upstream != null) {
				try (RunnerCallScope.Entered entered = this.scope.enter(false)) {
					upstream.cancel();
				}
			}
		}

		private void succeeded() {
			if (DONE.compareAndSet(this, 0, 1)) {
				this.target.counter().succeeded();
				this.observationContext.setCompleted(true);
				stop();
			}
		}

		private void stop() {
			this.scope.finish();
			this.observation.stop();
		}

	}

}
