package dev.runner.spring.core;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.serializer.JsValues;

/**
 * Turns what a handler method returned into one {@link Mono} of the result, chosen once from the declared return
 * type. The result is {@link JsValues#UNDEFINED} for {@code void}, an empty {@code Optional} or an empty publisher,
 * and an empty {@code Mono} for a {@code null} value; a multi-value publisher is collected into a list, except a stream
 * of buffers, which becomes a {@link RunnerStreamResponse}.
 */
abstract class ResultAdapter {

	private static final ReactiveAdapterRegistry ADAPTERS = ReactiveAdapterRegistry.getSharedInstance();

	/**
	 * The type of the value the result is on the wire (for the published contracts): {@code void} for no value,
	 * {@link RunnerStreamResponse} for a stream of buffers, a {@code List} of the elements of another multi-value
	 * publisher, the value type of a single-value publisher or future, else the declared type ({@code Optional}s
	 * included); without type variables.
	 */
	private final Type valueType;

	ResultAdapter(Type valueType) {
		this.valueType = valueType;
	}

	static ResultAdapter forReturnType(ResolvableType returnType) {
		Class<?> type = returnType.toClass();
		if (type == void.class || type == Void.class) {
			return new NoValue();
		}
		ReactiveAdapter adapter = ADAPTERS.getAdapter(type);
		if (adapter == null) {
			return new Plain((type == Object.class) ? Object.class : ResolvedTypes.of(returnType));
		}
		ResolvableType element = returnType.getGeneric(0);
		if (adapter.isMultiValue() && DataBuffer.class.isAssignableFrom(element.toClass())) {
			return new BufferStream(adapter);
		}
		Type valueType = (adapter.isNoValue() || element.toClass() == Void.class) ? void.class
				: ResolvedTypes.of(adapter.isMultiValue() ? ResolvableType.forClassWithGenerics(List.class, element)
						: element);
		return new Reactive(adapter, valueType);
	}

	/**
	 * Returns the type of the value a handler's result is on the wire, from its declared return type.
	 * @return the result's value type, see {@link #valueType}
	 */
	Type valueType() {
		return this.valueType;
	}

	/**
	 * Whether the handler returns a reactive type, and so runs on the calling thread (the event loop).
	 * @return whether the handler is non-blocking
	 */
	abstract boolean isReactive();

	abstract Mono<Object> adapt(@Nullable Object returned);

	static Mono<Object> fromPublisher(ReactiveAdapter adapter, Object returned) {
		Publisher<?> publisher = adapter.toPublisher(returned);
		if (adapter.isNoValue()) {
			return Mono.from(publisher).then(Mono.just(JsValues.UNDEFINED));
		}
		if (adapter.isMultiValue()) {
			return Flux.from(publisher).collectList().map((list) -> list);
		}
		return Mono.<Object>from(publisher).defaultIfEmpty(JsValues.UNDEFINED);
	}

	private static final class NoValue extends ResultAdapter {

		NoValue() {
			super(void.class);
		}

		@Override
		boolean isReactive() {
			return false;
		}

		@Override
		Mono<Object> adapt(@Nullable Object returned) {
			return Mono.just(JsValues.UNDEFINED);
		}

	}

	private static final class Reactive extends ResultAdapter {

		private final ReactiveAdapter adapter;

		Reactive(ReactiveAdapter adapter, Type valueType) {
			super(valueType);
			this.adapter = adapter;
		}

		@Override
		boolean isReactive() {
			return true;
		}

		@Override
		Mono<Object> adapt(@Nullable Object returned) {
			return (returned != null) ? fromPublisher(this.adapter, returned) : Mono.just(JsValues.UNDEFINED);
		}

	}

	/**
	 * A method returning a stream of buffers ({@code Flux<DataBuffer>}): not collected, but answered as a
	 * {@link RunnerStreamResponse} whose body is the stream, subscribed when the response is written.
	 */
	private static final class BufferStream extends ResultAdapter {

		private final ReactiveAdapter adapter;

		BufferStream(ReactiveAdapter adapter) {
			super(RunnerStreamResponse.class);
			this.adapter = adapter;
		}

		@Override
		boolean isReactive() {
			return true;
		}

		@Override
		@SuppressWarnings("unchecked")
		Mono<Object> adapt(@Nullable Object returned) {
			if (returned == null) {
				return Mono.just(JsValues.UNDEFINED);
			}
			Publisher<DataBuffer> body = (Publisher<DataBuffer>) (Publisher<?>) this.adapter.toPublisher(returned);
			return Mono.just(RunnerStreamResponse.of(body));
		}

	}

	/**
	 * A value-returning method; the declared type may be too wide ({@code Object}, an erased generic) to tell, so
	 * optional and reactive values are recognised at run time with a few type checks.
	 */
	private static final class Plain extends ResultAdapter {

		Plain(Type declared) {
			super(declared);
		}

		@Override
		boolean isReactive() {
			return false;
		}

		@Override
		Mono<Object> adapt(@Nullable Object returned) {
			if (returned == null) {
				return Mono.empty();
			}
			if (returned instanceof Optional<?> optional) {
				return Mono.just(optional.isPresent() ? optional.get() : JsValues.UNDEFINED);
			}
			if (returned instanceof Publisher<?> || returned instanceof CompletionStage<?>) {
				ReactiveAdapter adapter = ADAPTERS.getAdapter(returned.getClass());
				if (adapter != null) {
					return fromPublisher(adapter, returned);
				}
			}
			return Mono.just(returned);
		}

	}

}
