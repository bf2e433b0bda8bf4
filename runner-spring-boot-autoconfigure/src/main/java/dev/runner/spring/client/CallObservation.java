package dev.runner.spring.client;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;

import dev.runner.spring.RunnerException;

/**
 * The observation of one subscription to a call: started on subscription, stopped once on completion, error or
 * cancellation, and put in the Reactor context of the call so that the {@code WebClient}'s own observation is its
 * child and the trace goes on into the server.
 */
final class CallObservation {

	private final Observation observation;

	private final RunnerClientObservationContext context;

	private final boolean single;

	private final AtomicBoolean done = new AtomicBoolean();

	private CallObservation(Observation observation, RunnerClientObservationContext context, boolean single) {
		this.observation = observation;
		this.context = context;
		this.single = single;
	}

	/**
	 * Observes a call.
	 * @param call the call
	 * @param requestId the request id sent, if any
	 * @param source the call's answer
	 * @param single whether the answer is one value, its first element completing the call (a stream completes
	 * with its last)
	 * @param registry the observation registry
	 * @param convention the application's convention, if any
	 * @param parent the caller's observation, if any
	 * @param <T> the answer's element type
	 * @return the answer as observed
	 */
	static <T> Flux<T> observe(TunnelCall call, @Nullable String requestId, Flux<T> source, boolean single,
			ObservationRegistry registry, @Nullable RunnerClientObservationConvention convention,
			@Nullable Observation parent) {
		if (registry.isNoop()) {
			return source;
		}
		RunnerClientObservationContext context = new RunnerClientObservationContext(call.client(), call.event(),
				call.id(), call.uri().toString());
		context.setRequestId(requestId);
		Observation observation = RunnerClientObservationDocumentation.CALL.observation(convention,
				DEFAULT_CONVENTION, () -> context, registry);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		CallObservation watch = new CallObservation(observation, context, single);
		observation.start();
		return source.doOnEach(watch::signal)
			.doOnCancel(watch::cancelled)
			.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private static final DefaultRunnerClientObservationConvention DEFAULT_CONVENTION =
			new DefaultRunnerClientObservationConvention();

	private void signal(Signal<?> signal) {
		if (signal.isOnError() && this.done.compareAndSet(false, true)) {
			Throwable failure = signal.getThrowable();
			this.context.setErrorCode(codeOf(failure));
			this.observation.error(failure);
			this.observation.stop();
		}
		else if ((signal.isOnComplete() || (this.single && signal.isOnNext())) && this.done.compareAndSet(false, true)) {
			this.context.setCompleted(true);
			this.observation.stop();
		}
	}

	private void cancelled() {
		if (this.done.compareAndSet(false, true)) {
			this.observation.stop();
		}
	}

	private static String codeOf(@Nullable Throwable failure) {
		if (failure instanceof RunnerClientException client) {
			return client.code();
		}
		return (failure instanceof RunnerException) ? "INTERNAL_ERROR" : "CLIENT_ERROR";
	}

}
