package dev.runner.spring.client;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.util.ClassUtils;

/**
 * One method of a {@link RunnerServiceClient} interface, planned once when its proxy is made: which call it makes and
 * how its answer is returned. No reflection happens per call.
 */
final class RemoteMethod {

	private enum Shape {

		/** {@code Mono<T>}. */
		MONO,
		/** {@code Mono<Void>}. */
		MONO_VOID,
		/** {@code Flux<T>}: an array result, element by element. */
		FLUX,
		/** {@code Flux<DataBuffer>}: a streamed answer. */
		STREAM,
		/** A plain {@code T}, blocking. */
		BLOCKING,
		/** {@code void}, blocking. */
		BLOCKING_VOID

	}

	private final String id;

	private final boolean event;

	private final Shape shape;

	private final ParameterizedTypeReference<Object> resultType;

	private final boolean primitive;

	private RemoteMethod(String id, boolean event, Shape shape, ParameterizedTypeReference<Object> resultType,
			boolean primitive) {
		this.id = id;
		this.event = event;
		this.shape = shape;
		this.resultType = resultType;
		this.primitive = primitive;
	}

	/**
	 * Plans a method, or adds what is wrong with it to {@code problems}.
	 * @param type the interface
	 * @param method one of its abstract methods
	 * @param problems where problems are added
	 * @return the plan, or {@code null} when the method has a problem
	 */
	static @Nullable RemoteMethod plan(Class<?> type, Method method, List<String> problems) {
		String where = type.getName() + "." + method.getName() + "()";
		RemoteTask task = method.getAnnotation(RemoteTask.class);
		RemoteEvent event = method.getAnnotation(RemoteEvent.class);
		int before = problems.size();
		if (task == null && event == null) {
			problems.add(where + " has neither @RemoteTask nor @RemoteEvent: annotate it with the id it calls");
		}
		if (task != null && event != null) {
			problems.add(where + " has both @RemoteTask and @RemoteEvent: keep one");
		}
		if (method.getParameterCount() > 1) {
			problems.add(where + " takes " + method.getParameterCount() + " parameters: a task or event takes one "
					+ "input; put them in a record");
		}
		String id = (task != null) ? task.value() : (event != null) ? event.value() : "";
		if ((task != null || event != null) && id.isBlank()) {
			problems.add(where + " has an empty id");
		}
		ResolvableType returned = ResolvableType.forMethodReturnType(method, type);
		Shape shape = shape(returned);
		boolean isEvent = task == null && event != null;
		if (shape == null) {
			problems.add(where + " returns " + returned + ": return Mono<T>, Flux<T>, Flux<DataBuffer>, Mono<Void>, "
					+ "T or void");
		}
		else if (isEvent && (shape == Shape.FLUX || shape == Shape.STREAM)) {
			problems.add(where + " returns " + returned + ": an event answers one payload; return Mono<T>, "
					+ "Mono<Void>, T or void");
		}
		if (problems.size() > before || shape == null) {
			return null;
		}
		return new RemoteMethod(id, isEvent, shape, ParameterizedTypeReference.forType(resultType(shape, returned)),
				method.getReturnType().isPrimitive());
	}

	private static @Nullable Shape shape(ResolvableType returned) {
		Class<?> raw = returned.toClass();
		if (raw == void.class) {
			return Shape.BLOCKING_VOID;
		}
		if (raw == Mono.class) {
			Class<?> element = returned.getGeneric(0).toClass();
			return (element == Void.class) ? Shape.MONO_VOID : Shape.MONO;
		}
		if (raw == Flux.class) {
			return (returned.getGeneric(0).toClass() == DataBuffer.class) ? Shape.STREAM : Shape.FLUX;
		}
		if (Publisher.class.isAssignableFrom(raw)) {
			return null;
		}
		return Shape.BLOCKING;
	}

	private static Type resultType(Shape shape, ResolvableType returned) {
		return switch (shape) {
			case MONO -> returned.getGeneric(0).getType();
			case FLUX -> ResolvableType.forClassWithGenerics(List.class, returned.getGeneric(0)).getType();
			case BLOCKING -> returned.toClass().isPrimitive() ? ClassUtils.resolvePrimitiveIfNecessary(returned.toClass())
					: returned.getType();
			case MONO_VOID, STREAM, BLOCKING_VOID -> Void.class;
		};
	}

	/**
	 * Makes the call.
	 * @param client the client
	 * @param args the method's arguments ({@code null} or empty for none)
	 * @return what the method returns
	 */
	@Nullable Object invoke(RunnerClient client, @Nullable Object @Nullable [] args) {
		Object input = (args != null && args.length > 0) ? args[0] : null;
		return switch (this.shape) {
			case MONO -> call(client, input);
			case MONO_VOID -> this.event ? client.event(this.id, input) : client.task(this.id, input, Void.class);
			case FLUX -> call(client, input).flatMapIterable((list) -> (List<?>) list);
			case STREAM -> client.taskStream(this.id, input);
			case BLOCKING -> blocking(call(client, input).contextCapture().block());
			case BLOCKING_VOID -> (this.event ? client.event(this.id, input)
					: client.task(this.id, input, Void.class)).contextCapture().block();
		};
	}

	private @Nullable Object blocking(@Nullable Object result) {
		if (result == null && this.primitive) {
			throw new IllegalStateException("The " + (this.event ? "event " : "task ") + this.id + " answered no value "
					+ "for a primitive return type; return its wrapper type or Mono");
		}
		return result;
	}

	private Mono<Object> call(RunnerClient client, @Nullable Object input) {
		return this.event ? client.eventWithResult(this.id, input, this.resultType)
				: client.task(this.id, input, this.resultType);
	}

}
