package dev.runner.spring.serializer;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Binds decoded values to handler parameter types (docs/serializer.md §9.1): values that already fit are returned as
 * they are; others are replayed as Jackson tokens (dates as ISO strings, binary as embedded bytes, other runner
 * values as embedded objects) into the application mapper, and failures become
 * {@link RunnerInputConversionException}s with a path and a safe message.
 */
final class InputConverter {

	private final JsonMapper mapper;

	private final int maxDepth;

	private final ConcurrentMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	/**
	 * Creates the converter.
	 * @param mapper the application's mapper; conversion uses a copy of it that also binds {@link Pattern}s from
	 * decoded regular expressions
	 * @param maxDepth the depth limit
	 */
	InputConverter(JsonMapper mapper, int maxDepth) {
		this.mapper = mapper.rebuild()
			.addModule(new SimpleModule("runner-values").addDeserializer(Pattern.class, new PatternDeserializer()))
			.build();
		this.maxDepth = maxDepth;
	}

	@Nullable Object convert(@Nullable Object decoded, Type targetType) {
		if (decoded == null || decoded == JsUndefined.INSTANCE) {
			return absentValue(targetType);
		}
		if (fits(decoded, targetType)) {
			return decoded;
		}
		ObjectReader reader = reader(targetType);
		TokenBuffer buffer = TokenBuffer.forGeneration();
		write(buffer, decoded, 0);
		try (JsonParser parser = buffer.asParser()) {
			return reader.readValue(parser);
		}
		catch (JacksonException ex) {
			throw new RunnerInputConversionException(path(ex), message(ex), ex);
		}
		catch (RuntimeException ex) {
			throw new RunnerInputConversionException("", "is invalid", ex);
		}
	}

	/**
	 * Reads a document made of plain JSON only (see {@link RunnerSerializer#isPlainJson(byte[])}) straight into a
	 * type, integers as {@code Long} where the type leaves them open, as decoding then converting would give them.
	 */
	@Nullable Object read(byte[] json, Type targetType) {
		try {
			return reader(targetType).with(DeserializationFeature.USE_LONG_FOR_INTS).readValue(json);
		}
		catch (JacksonException ex) {
			throw new RunnerInputConversionException(path(ex), message(ex), ex);
		}
		catch (RuntimeException ex) {
			throw new RunnerInputConversionException("", "is invalid", ex);
		}
	}

	private ObjectReader reader(Type targetType) {
		ObjectReader reader = this.readers.get(targetType);
		if (reader == null) {
			JavaType javaType = this.mapper.getTypeFactory().constructType(targetType);
			reader = this.mapper.readerFor(javaType);
			this.readers.putIfAbsent(targetType, reader);
		}
		return reader;
	}

	private @Nullable Object absentValue(Type targetType) {
		Class<?> raw = this.mapper.getTypeFactory().constructType(targetType).getRawClass();
		if (raw == Optional.class) {
			return Optional.empty();
		}
		if (raw == OptionalInt.class) {
			return OptionalInt.empty();
		}
		if (raw == OptionalLong.class) {
			return OptionalLong.empty();
		}
		if (raw == OptionalDouble.class) {
			return OptionalDouble.empty();
		}
		if (!raw.isPrimitive()) {
			return null;
		}
		if (this.mapper.deserializationConfig().isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)) {
			throw new RunnerInputConversionException("", "must not be null", null);
		}
		if (raw == boolean.class) {
			return false;
		}
		if (raw == char.class) {
			return '\0';
		}
		return this.mapper.convertValue(0, raw);
	}

	/**
	 * Whether the decoded value can be passed as it is: an instance of the raw type whose type arguments (if any)
	 * accept any value, or a {@code Map<String, ?>} holding a decoded plain object.
	 */
	static boolean fits(Object value, Type targetType) {
		if (targetType instanceof Class<?> type) {
			return wrap(type).isInstance(value);
		}
		if (targetType instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
				&& raw.isInstance(value)) {
			Type[] arguments = parameterized.getActualTypeArguments();
			if (Map.class.isAssignableFrom(raw) && arguments.length == 2) {
				return isAny(arguments[1])
						&& (isAny(arguments[0]) || (arguments[0] == String.class && !(value instanceof JsMap)));
			}
			if (Collection.class.isAssignableFrom(raw) && arguments.length == 1) {
				return isAny(arguments[0]);
			}
		}
		return false;
	}

	private static boolean isAny(Type type) {
		if (type == Object.class) {
			return true;
		}
		return type instanceof WildcardType wildcard && wildcard.getLowerBounds().length == 0
				&& (wildcard.getUpperBounds().length == 0 || wildcard.getUpperBounds()[0] == Object.class);
	}

	private static Class<?> wrap(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		if (type == int.class) {
			return Integer.class;
		}
		if (type == long.class) {
			return Long.class;
		}
		if (type == double.class) {
			return Double.class;
		}
		if (type == boolean.class) {
			return Boolean.class;
		}
		if (type == float.class) {
			return Float.class;
		}
		if (type == short.class) {
			return Short.class;
		}
		if (type == byte.class) {
			return Byte.class;
		}
		return (type == char.class) ? Character.class : Void.class;
	}

	private void write(TokenBuffer out, @Nullable Object value, int depth) {
		if (depth > this.maxDepth) {
			throw new RunnerInputConversionException("", "is nested too deeply", null);
		}
		if (value == null || value == JsUndefined.INSTANCE) {
			out.writeNull();
		}
		else if (value instanceof String text) {
			out.writeString(text);
		}
		else if (value instanceof Boolean bool) {
			out.writeBoolean(bool);
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short
				|| value instanceof Byte) {
			out.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof Double number) {
			out.writeNumber(number);
		}
		else if (value instanceof Float number) {
			out.writeNumber(number);
		}
		else if (value instanceof BigInteger number) {
			out.writeNumber(number);
		}
		else if (value instanceof BigDecimal number) {
			out.writeNumber(number);
		}
		else if (value instanceof Instant instant) {
			out.writeString(instant.toString());
		}
		else if (value instanceof Map<?, ?> map) {
			out.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (entry.getValue() != JsUndefined.INSTANCE) {
					out.writeName(keyText(entry.getKey()));
					write(out, entry.getValue(), depth + 1);
				}
			}
			out.writeEndObject();
		}
		else if (value instanceof Collection<?> collection) {
			out.writeStartArray();
			for (Object element : collection) {
				write(out, element, depth + 1);
			}
			out.writeEndArray();
		}
		else if (value instanceof Object[] array) {
			write(out, Arrays.asList(array), depth);
		}
		else if (value instanceof byte[] bytes) {
			out.writeBinary(bytes);
		}
		else if (value instanceof short[] || value instanceof int[] || value instanceof long[]
				|| value instanceof float[] || value instanceof double[] || value instanceof char[]) {
			out.writeStartArray();
			int length = java.lang.reflect.Array.getLength(value);
			for (int i = 0; i < length; i++) {
				Object element = java.lang.reflect.Array.get(value, i);
				write(out, (element instanceof Character c) ? (long) c.charValue() : element, depth + 1);
			}
			out.writeEndArray();
		}
		else if (value instanceof URI || value instanceof JsUrl || value instanceof Number) {
			out.writeString(value.toString());
		}
		else {
			out.writePOJO(value);
		}
	}

	private static String keyText(@Nullable Object key) {
		if (key instanceof String text) {
			return text;
		}
		if (key == null || key instanceof Number || key instanceof Boolean || key instanceof Instant
				|| key == JsUndefined.INSTANCE) {
			return String.valueOf(key);
		}
		throw new RunnerInputConversionException("", "has a key that is not a string", null);
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String message(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "is not a known property";
		}
		if (ex instanceof InvalidNullException) {
			return "must not be null";
		}
		if (ex instanceof InvalidTypeIdException) {
			return "has an invalid type";
		}
		if (ex instanceof MismatchedInputException mismatch) {
			return expected(mismatch.getTargetType());
		}
		if (ex instanceof InputCoercionException coercion) {
			return (coercion.getTargetType() != null) ? "is out of range" : "is invalid";
		}
		if (ex instanceof InvalidDefinitionException) {
			return "cannot be converted";
		}
		return "is invalid";
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "is invalid";
		}
		Class<?> target = wrap(type);
		if (target == Character.class || CharSequence.class.isAssignableFrom(target)) {
			return "must be a string";
		}
		if (Number.class.isAssignableFrom(target)) {
			return "must be a number";
		}
		if (target == Boolean.class) {
			return "must be a boolean";
		}
		if (target == byte[].class) {
			return "must be binary data";
		}
		if (target.isArray() || Collection.class.isAssignableFrom(target)) {
			return "must be an array";
		}
		if (target.isEnum()) {
			List<String> names = Arrays.stream(target.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.toList();
			return "must be one of: " + names.stream().collect(Collectors.joining(", "));
		}
		if (Temporal.class.isAssignableFrom(target) || Date.class.isAssignableFrom(target)
				|| Calendar.class.isAssignableFrom(target)) {
			return "must be a date";
		}
		if (target == UUID.class) {
			return "must be a UUID";
		}
		if (target == URI.class) {
			return "must be a URL";
		}
		return "must be an object";
	}

}
