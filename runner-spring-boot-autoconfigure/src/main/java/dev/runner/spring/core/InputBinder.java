package dev.runner.spring.core;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.RunnerInputConversionException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Binds the call's input (a decoded serializer value, or a Java value for in-process calls) to the declared type of
 * the input parameter. A value that already has the declared type is passed as is when the type has no type
 * arguments other than {@code Object} (so {@code Object} and {@code Map<String, Object>} parameters keep typed values
 * such as {@code Instant}); everything else is converted. A failure is an {@link InvalidInputException}.
 * An {@code Optional<T>} parameter receives an empty optional for an absent or {@code null}
 * input; a primitive parameter refuses them.
 */
final class InputBinder implements ArgumentBinder {

	private final RunnerSerializer serializer;

	private final Type targetType;

	private final Class<?> rawType;

	private final boolean optional;

	private final boolean passThrough;

	private final boolean primitive;

	InputBinder(RunnerSerializer serializer, ResolvableType parameterType) {
		this.serializer = serializer;
		this.optional = (parameterType.resolve() == Optional.class);
		ResolvableType target = this.optional ? parameterType.getGeneric(0) : parameterType;
		this.targetType = ResolvedTypes.of(target);
		this.rawType = target.toClass();
		this.passThrough = Arrays.stream(target.getGenerics()).allMatch((generic) -> generic.toClass() == Object.class);
		this.primitive = this.rawType.isPrimitive();
	}

	@Override
	public @Nullable Object bind(@Nullable Object input, RunnerContext context) {
		Object value = (input == null || (this.passThrough && this.rawType.isInstance(input))) ? input : convert(input);
		if (value == null && this.primitive) {
			throw invalid("", "must not be absent");
		}
		return this.optional ? Optional.ofNullable(value) : value;
	}

	private @Nullable Object convert(Object input) {
		try {
			return this.serializer.convert(input, this.targetType);
		}
		catch (RunnerInputConversionException ex) {
			throw invalid(ex.path(), ex.getMessage());
		}
	}

	private static InvalidInputException invalid(String path, String message) {
		return new InvalidInputException(List.of(new InvalidInputException.Violation(path, message)));
	}

	Type targetType() {
		return this.targetType;
	}

	boolean isOptional() {
		return this.optional;
	}

}
