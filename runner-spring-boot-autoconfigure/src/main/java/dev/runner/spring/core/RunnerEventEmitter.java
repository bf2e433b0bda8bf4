package dev.runner.spring.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.JsUndefined;

/**
 * Runs the listeners of an event (tunnel-http.md §3.5): one after another in their order, each seeing the payload the
 * previous one returned (a listener that returns nothing keeps the payload); for a parallel event, listeners of the
 * same order run concurrently and their return values are ignored. The first failure stops the chain and is the
 * emission's error.
 *
 * @since 0.1.0
 */
public final class RunnerEventEmitter {

	/**
	 * Emits an event.
	 * @param event the event
	 * @param payload the payload, {@code null} when absent
	 * @param context the context of the call
	 * @return the payload after all listeners ran ({@link JsUndefined#INSTANCE} when absent), or the first error
	 */
	public Mono<Object> emit(EventDescriptor event, @Nullable Object payload, RunnerContext context) {
		Object initial = (payload != null) ? payload : JsUndefined.INSTANCE;
		if (event.listeners().isEmpty()) {
			return Mono.just(initial);
		}
		return event.parallel() ? emitParallel(event.listeners(), initial, context)
				: emitSequential(event.listeners(), initial, context);
	}

	private Mono<Object> emitSequential(List<EventListenerDescriptor> listeners, Object initial,
			RunnerContext context) {
		Mono<Object> chain = Mono.just(initial);
		for (EventListenerDescriptor listener : listeners) {
			chain = chain.flatMap((current) -> listener.invoker()
				.invoke(absentAsNull(current), context)
				.map((returned) -> isReplacement(returned) ? returned : current));
		}
		return chain;
	}

	private Mono<Object> emitParallel(List<EventListenerDescriptor> listeners, Object payload, RunnerContext context) {
		Object argument = absentAsNull(payload);
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

	private static boolean isReplacement(Object returned) {
		return returned != JsUndefined.INSTANCE && returned != HandlerInvoker.NULL_RESULT;
	}

	private static @Nullable Object absentAsNull(Object payload) {
		return (payload != JsUndefined.INSTANCE) ? payload : null;
	}

}
