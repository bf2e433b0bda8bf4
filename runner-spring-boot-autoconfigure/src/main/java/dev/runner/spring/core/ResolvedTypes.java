package dev.runner.spring.core;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.core.ResolvableType;

/**
 * Turns a {@link ResolvableType} whose generics were resolved against a bean class (the {@code T} of a
 * {@code Function<T, R>} bean) into a plain {@link Type} without type variables, so that a converter that knows
 * nothing of Spring sees {@code List<Order>} rather than {@code T}.
 */
final class ResolvedTypes {

	private ResolvedTypes() {
	}

	static Type of(ResolvableType type) {
		Class<?> raw = type.toClass();
		if (!type.hasGenerics()) {
			return raw;
		}
		Type[] arguments = Arrays.stream(type.getGenerics()).map(ResolvedTypes::of).toArray(Type[]::new);
		return new Parameterized(raw, arguments);
	}

	private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {

		@Override
		public Type[] getActualTypeArguments() {
			return this.arguments.clone();
		}

		@Override
		public Type getRawType() {
			return this.raw;
		}

		@Override
		public Type getOwnerType() {
			return this.raw.getDeclaringClass();
		}

		@Override
		public String getTypeName() {
			return this.raw.getTypeName() + Arrays.stream(this.arguments)
				.map(Type::getTypeName)
				.collect(Collectors.joining(", ", "<", ">"));
		}

	}

}
