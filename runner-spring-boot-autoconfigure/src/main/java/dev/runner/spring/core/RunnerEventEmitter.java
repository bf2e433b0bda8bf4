package dev.runner.spring.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.JsValues;

/**
 * Runs the listeners of an event (docs/tunnel-http.md §3.5): one after another in their order, each seeing the payload the
 * previous one returned (a listener that returns nothing keeps the payload); for a parallel event, listeners of the
 * same order run concurrently and their return values are ignored. The first failure stops the chain and is the
 * emission's error. Fire-and-forget listeners start once the others have finished, with the final payload, and the
 * emission does not wait for them; they are counted while they run, so that a shutdown can wait for them
 * ({@link #whenDetachedListenersDone(Runnable)}).
 *
 * @since 0.1.0
 */
public final class RunnerEventEmitter {

	private static final Log logger = LogFactory.getLog(RunnerEventEmitter.class);

	private final AtomicLong asyncFailures = new AtomicLong();

	private final AtomicLong detachedRunning = new AtomicLong();

	private final Queue<Runnable> whenDetachedDone = new ConcurrentLinkedQueue<>();

	/**
	 * Emits an event.
	 * @param event the event
	 * @param payload the payload, {@code null} when absent
	 * @param context the context of the call
	 * @return the payload after all listeners ran ({@link JsValues#UNDEFINED} when absent), or the first error
	 */
	public Mono<Object> emit(EventDescriptor event, @Nullable Object payload, RunnerContext context) {
		Object initial = (payload != null) ? payload : JsValues.UNDEFINED;
		Mono<Object> emission;
		if (event.listeners().isEmpty()) {
			emission = Mono.just(initial);
		}
		else {
			emission = event.parallel() ? emitParallel(event.listeners(), initial, context)
					: emitSequential(event.listeners(), initial, context);
		}
		if (event.asyncListeners().isEmpty()) {
			return emission;
		}
		return emission.doOnNext((last) -> startDetached(event.asyncListeners(), last, context));
	}

	/**
	 * Starts the fire-and-forget listeners with the final payload; nobody waits for them, their failures are logged
	 * and counted.
	 */
	private void startDetached(List<EventListenerDescriptor> listeners, Object payload, RunnerContext context) {
		Object argument = JsValues.undefinedAsNull(payload);
		this.detachedRunning.incrementAndGet();
		Flux.fromIterable(listeners)
			.flatMap((listener) -> listener.invoker().invoke(argument, context).onErrorResume((ex) -> {
				this.asyncFailures.incrementAndGet();
				logger.error(LogMessage.format("Fire-and-forget listener %s of event '%s' failed (request id %s)",
						listener.handlerName(), listener.eventId(), context.requestId()), ex);
				return Mono.empty();
			}))
			.doFinally((signal) -> {
				if (this.detachedRunning.decrementAndGet() == 0) {
					runDetachedDoneCallbacks();
				}
			})
			.subscribe();
	}

	/**
	 * Runs a callback once no fire-and-forget listener is running: at once if none is, else when the last one ends.
	 * Used to let a shutdown wait for them.
	 * @param callback what to run
	 */
	public void whenDetachedListenersDone(Runnable callback) {
		this.whenDetachedDone.add(callback);
		if (this.detachedRunning.get() == 0) {
			runDetachedDoneCallbacks();
		}
	}

	private void runDetachedDoneCallbacks() {
		for (Runnable callback = this.whenDetachedDone.poll(); callback != null; callback = this.whenDetachedDone
			.poll()) {
			callback.run();
		}
	}

	/**
	 * Returns how many fire-and-forget listener calls have failed since start-up.
	 * @return the count of failures
	 */
	public long asyncFailures() {
		return this.asyncFailures.get();
	}

	private Mono<Object> emitSequential(List<EventListenerDescriptor> listeners, Object initial,
			RunnerContext context) {
		Mono<Object> chain = Mono.just(initial);
		for (EventListenerDescriptor listener : listeners) {
			chain = chain.flatMap((current) -> listener.invoker()
				.invoke(JsValues.undefinedAsNull(current), context)
				.filter((returned) -> !JsValues.isUndefined(returned))
				.defaultIfEmpty(current));
		}
		return chain;
	}

	private Mono<Object> emitParallel(List<EventListenerDescriptor> listeners, Object payload, RunnerContext context) {
		Object argument = JsValues.undefinedAsNull(payload);
		Mono<Void> chain = Mono.empty();
		for (List<EventListenerDescriptor> batch : batchesByOrder(listeners)) {
			chain = chain.then(Flux.fromIterable(batch)
				.flatMap((listener) -> listener.invoker().invoke(argument, context), batch.size())
				.then());
		}
		return chain.thenReturn(payload);
	}

	private static List<List<EventListenerDescriptor>> batchesByOrder(List<EventListenerDescriptor> listeners) {
		List<List<EventListenerDescriptor>> batches = new ArrayList<>();
		List<EventListenerDescriptor> batch = null;
		for (EventListenerDescriptor listener : listeners) {
			if (batch == null || batch.get(0).order() != listener.order()) {
				batch = new ArrayList<>();
				batches.add(batch);
			}
			batch.add(listener);
		}
		return batches;
	}


}
