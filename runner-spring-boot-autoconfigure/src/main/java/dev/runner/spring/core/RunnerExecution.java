package dev.runner.spring.core;

import java.time.Duration;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.context.ContextSnapshot;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerGuard;

/**
 * The one way tasks are run and events emitted, whoever the caller is (the HTTP tunnel, the in-process
 * {@link dev.runner.spring.Runner}), so that what applies to every execution is applied in one place. A task call
 * goes: concurrency limit (503 {@code OVERLOADED} at once when reached), guards in order (403 {@code FORBIDDEN} on the
 * first refusal), the handler, bounded by the timeout ({@link TaskTimeoutException}). Cancelling the returned
 * {@code Mono} (the client went away, the timeout fired) marks the context cancelled.
 * <p>
 * Around all of it: the {@link RunnerExecutionObserver} (observations and counts, so they cover refusals and timeouts
 * too), the call's request id in the Reactor context under {@link RunnerContext#REQUEST_ID_KEY} (which context
 * propagation turns into the MDC entry of the same name), and one log line per failed execution, the only one: a
 * failure that is the server's problem ({@link RunnerError#isServerError()}) at {@code ERROR} with its stack trace,
 * the caller's at {@code DEBUG}.
 *
 * @since 0.1.0
 */
public class RunnerExecution {

	private static final Log logger = LogFactory.getLog(RunnerExecution.class);

	private final RunnerEventEmitter emitter;

	private final RunnerExecutionObserver observer;

	private @Nullable RunnerEmissionListener emissionListener;

	/**
	 * Creates the execution pipeline.
	 * @param emitter runs event listeners
	 * @param observer wraps every run and emission (metrics, tracing)
	 */
	public RunnerExecution(RunnerEventEmitter emitter, RunnerExecutionObserver observer) {
		this.emitter = emitter;
		this.observer = observer;
	}

	/**
	 * Sets who hears of emitted events (events to socket channels).
	 * @param emissionListener the listener, {@code null} for none
	 */
	public void setEmissionListener(@Nullable RunnerEmissionListener emissionListener) {
		this.emissionListener = emissionListener;
	}

	/**
	 * Runs a task.
	 * @param task the task
	 * @param input the input, {@code null} when absent
	 * @param context the context of the call
	 * @return the result, as {@link HandlerInvoker#invoke(Object, RunnerContext)} gives it (empty for a {@code null}
	 * result); a {@link RunnerRejectedException} when the call was refused before running
	 */
	public Mono<Object> runTask(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		return inCall("task", task.id(), context, this.observer.observeTask(task, context, execute(task, input, context)));
	}

	private Mono<Object> execute(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		TaskPolicy policy = task.policy();
		if (policy == TaskPolicy.NONE) {
			return cancellable(task.invoker().invoke(input, context), context);
		}
		return Mono.defer(() -> {
			if (!policy.tryAcquire()) {
				return Mono.error(RunnerRejectedException.overloaded(task.id(), policy.maxConcurrency()));
			}
			// Marked cancelled upstream of the timeout, so the flag is set before the handler's thread is interrupted.
			Mono<Object> call = cancellable(
					guarded(task, input, context).then(Mono.defer(() -> task.invoker().invoke(input, context))),
					context);
			Duration timeout = policy.timeout();
			if (timeout != null) {
				call = call.timeout(timeout,
						Mono.error(() -> new TaskTimeoutException(task.id(), timeout.toMillis())));
			}
			return call.doFinally((signal) -> policy.release());
		});
	}

	private static Mono<Void> guarded(TaskDescriptor task, @Nullable Object input, RunnerContext context) {
		if (task.policy().guards().isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(task.policy().guards()).concatMap((guard) -> check(task, guard, input, context)).then();
	}

	private static Mono<Void> check(TaskDescriptor task, Map.Entry<String, RunnerGuard> guard, @Nullable Object input,
			RunnerContext context) {
		return Mono.defer(() -> guard.getValue().check(task.id(), input, context))
			.defaultIfEmpty(false)
			.flatMap((allowed) -> allowed ? Mono.empty()
					: Mono.error(RunnerRejectedException.refusedByGuard(task.id(), guard.getKey())));
	}

	/**
	 * Emits an event.
	 * @param event the event
	 * @param payload the payload, {@code null} when absent
	 * @param context the context of the call
	 * @return the final payload, as {@link RunnerEventEmitter#emit(EventDescriptor, Object, RunnerContext)} gives it
	 */
	public Mono<Object> emit(EventDescriptor event, @Nullable Object payload, RunnerContext context) {
		Mono<Object> emission = this.emitter.emit(event, payload, context);
		RunnerEmissionListener listener = this.emissionListener;
		if (listener != null && listener.wants(event.id())) {
			emission = emission.singleOptional()
				.flatMap((emitted) -> listener.emitted(event.id(), emitted.orElse(null)).then(Mono.justOrEmpty(emitted)));
		}
		return inCall("event", event.id(), context,
				this.observer.observeEvent(event, context, cancellable(emission, context)));
	}

	private static Mono<Object> cancellable(Mono<Object> call, RunnerContext context) {
		return (context instanceof AbstractRunnerContext cancellable) ? call.doOnCancel(cancellable::cancel) : call;
	}

	/**
	 * Adds what surrounds every execution: the failure log line, and the request id and the call's context in the
	 * Reactor context (below the log line's operator, whose signals carry it).
	 */
	private static Mono<Object> inCall(String kind, String id, RunnerContext context, Mono<Object> execution) {
		String requestId = context.requestId();
		return execution.doOnEach((signal) -> {
			if (signal.isOnError()) {
				logFailure(kind, id, requestId, signal.getThrowable(), signal.getContextView());
			}
		}).contextWrite((reactorContext) -> reactorContext.put(RunnerContext.REQUEST_ID_KEY, requestId)
			.put(RunnerContext.CONTEXT_KEY, context));
	}

	/**
	 * Writes the one log line of a failed execution, with the thread-local values of the call's context restored
	 * (its request id in the MDC) whatever Reactor's context propagation mode.
	 */
	private static void logFailure(String kind, String id, String requestId, Throwable failure,
			ContextView reactorContext) {
		RunnerError error = RunnerError.of(failure);
		boolean serverError = error.isServerError();
		if (serverError ? !logger.isErrorEnabled() : !logger.isDebugEnabled()) {
			return;
		}
		String message = "Runner " + kind + " failed: runner." + kind + ".id=" + id + " runner.request.id=" + requestId
				+ " error.code=" + error.code() + " exception=" + failure.getClass().getName();
		try (ContextSnapshot.Scope scope = CallThreadLocals.restore(reactorContext)) {
			if (serverError) {
				logger.error(message, failure);
			}
			else {
				logger.debug(message, failure);
			}
		}
	}

}
