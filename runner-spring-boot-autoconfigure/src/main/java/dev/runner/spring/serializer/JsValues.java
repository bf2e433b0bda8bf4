package dev.runner.spring.serializer;

import java.math.BigInteger;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JavaScript value rules that code outside the serializer needs about decoded values (docs/serializer.md §3, §5):
 * what a plain object is, what counts as absent, and truthiness. Decoded values are those of
 * {@link RunnerSerializer#decode}: {@code null} is JSON {@code null}, {@link JsUndefined#INSTANCE} is
 * {@code undefined}, a plain object is a {@code Map} that is not a {@link JsMap}.
 *
 * @since 0.1.0
 */
public final class JsValues {

	/** JavaScript {@code undefined}: {@link JsUndefined#INSTANCE}, for code outside the serializer. */
	public static final Object UNDEFINED = JsUndefined.INSTANCE;

	private JsValues() {
	}

	/**
	 * Whether a value is {@code undefined}.
	 * @param value a decoded value
	 * @return whether it is {@link JsUndefined#INSTANCE}
	 */
	public static boolean isUndefined(@Nullable Object value) {
		return value == JsUndefined.INSTANCE;
	}

	/**
	 * Returns a value with {@code undefined} as {@code null}, as Java code sees an absent value.
	 * @param value a decoded value
	 * @return the value, {@code null} for {@code null} and {@code undefined}
	 */
	public static @Nullable Object undefinedAsNull(@Nullable Object value) {
		return (value != JsUndefined.INSTANCE) ? value : null;
	}

	/**
	 * Whether a value is a plain object: a decoded {@code Map} that is not a JavaScript {@code Map}.
	 * @param value a decoded value
	 * @return whether it is a plain object
	 */
	public static boolean isPlainObject(@Nullable Object value) {
		return value instanceof Map<?, ?> && !(value instanceof JsMap);
	}

	/**
	 * Returns a value as a plain object.
	 * @param value a decoded value
	 * @return the plain object's properties, or {@code null} when the value is not a plain object
	 */
	@SuppressWarnings("unchecked")
	public static @Nullable Map<String, Object> asPlainObject(@Nullable Object value) {
		return isPlainObject(value) ? (Map<String, Object>) value : null;
	}

	/**
	 * Returns one property of a plain object, as JavaScript reads {@code value[name]}.
	 * @param value a decoded value
	 * @param name the property name
	 * @return the property's value; {@link JsUndefined#INSTANCE} when the value is not a plain object or has no such
	 * property
	 */
	public static @Nullable Object property(@Nullable Object value, String name) {
		Map<String, Object> object = asPlainObject(value);
		if (object == null) {
			return JsUndefined.INSTANCE;
		}
		Object property = object.get(name);
		return (property != null || object.containsKey(name)) ? property : JsUndefined.INSTANCE;
	}

	/**
	 * Whether a value is a JavaScript primitive: {@code null}, {@code undefined}, a string, a boolean, a number, a
	 * {@code bigint} or a symbol (anything that is not an object).
	 * @param value a decoded value
	 * @return whether it is a primitive
	 */
	public static boolean isPrimitive(@Nullable Object value) {
		return value == null || value == JsUndefined.INSTANCE || value instanceof String || value instanceof Boolean
				|| value instanceof Number || value instanceof JsSymbol;
	}

	/**
	 * Whether a value is truthy as JavaScript's {@code Boolean(value)} says: everything but {@code null},
	 * {@code undefined}, {@code false}, {@code ""}, {@code 0}, {@code -0}, {@code 0n} and {@code NaN}.
	 * @param value a decoded value
	 * @return whether it is truthy
	 */
	public static boolean isTruthy(@Nullable Object value) {
		if (value == null || value == JsUndefined.INSTANCE) {
			return false;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof String string) {
			return !string.isEmpty();
		}
		if (value instanceof BigInteger bigInteger) {
			return bigInteger.signum() != 0;
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			return d != 0 && !Double.isNaN(d);
		}
		return true;
	}

}
