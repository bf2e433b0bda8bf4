package dev.runner.spring.serializer;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The builtin type registry on the decoding side (docs/serializer.md §5, §9.1): validates a decoded type-record payload
 * and builds the Java value.
 */
final class TypedValues {

	static final String MAP = "Map";

	static final String SET = "Set";

	/** Names that never appear among an Error's custom fields (docs/serializer.md §5). */
	/** Longest BigInt payload decoded, in decimal digits (about 33,000 bits). */
	static final int MAX_BIGINT_DIGITS = 10_000;

	static final Set<String> BLOCKED_ERROR_FIELDS = Set.of("name", "message", "stack", "cause", "__proto__",
			"constructor", "prototype", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf",
			"propertyIsEnumerable", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
			"toJSON");

	private static final Set<String> WELL_KNOWN_SYMBOLS = Set.of("asyncIterator", "hasInstance",
			"isConcatSpreadable", "iterator", "match", "matchAll", "observable", "replace", "search", "species",
			"split", "toPrimitive", "toStringTag", "unscopables");

	private TypedValues() {
	}

	/**
	 * Builds the value of a type record whose payload has already been decoded.
	 * @throws RunnerSerializationException for an unknown type id or an invalid payload
	 */
	static Object create(String typeId, @Nullable Object payload, CustomTypes custom) {
		switch (typeId) {
			case "Date":
				return date(payload);
			case "RegExp":
				return RegExpRules.fromPayload(payload);
			case MAP: {
				JsMap map = new JsMap();
				fillMap(map, payload);
				return map;
			}
			case SET: {
				Set<@Nullable Object> set = new LinkedHashSet<>();
				fillSet(set, payload);
				return set;
			}
			case "Undefined":
				return JsUndefined.INSTANCE;
			case "NonFiniteNumber":
				return nonFiniteNumber(payload);
			case "BigInt":
				return bigInt(payload);
			case "Symbol":
				return symbol(payload);
			case "Error":
				return error(payload);
			case "URL":
				return url(payload);
			case "URLSearchParams":
				if (!(payload instanceof String text)) {
					throw RunnerSerializationException.invalidPayload("Invalid URLSearchParams payload");
				}
				return JsUrlSearchParams.parse(text);
			default: {
				Object value = custom.create(typeId, payload);
				return (value != null) ? value : binary(typeId, payload);
			}
		}
	}

	static void fillMap(JsMap target, @Nullable Object payload) {
		if (!(payload instanceof List<?> entries)) {
			throw RunnerSerializationException.invalidPayload("Invalid Map payload");
		}
		for (Object entry : entries) {
			if (!(entry instanceof List<?> pair)) {
				throw RunnerSerializationException.invalidPayload("Invalid Map payload");
			}
			Object key = pair.isEmpty() ? JsUndefined.INSTANCE : pair.get(0);
			Object value = (pair.size() < 2) ? JsUndefined.INSTANCE : pair.get(1);
			target.put(key, value);
		}
	}

	static void fillSet(Set<@Nullable Object> target, @Nullable Object payload) {
		if (!(payload instanceof List<?> values)) {
			throw RunnerSerializationException.invalidPayload("Invalid Set payload");
		}
		target.addAll(values);
	}

	private static Instant date(@Nullable Object payload) {
		Instant instant = null;
		if (payload instanceof String text) {
			instant = JsDates.parse(text);
		}
		else if (payload instanceof Long number) {
			instant = JsDates.fromEpochMilli(number);
		}
		else if (payload instanceof Double number) {
			instant = JsDates.fromEpochMilli(number);
		}
		if (instant == null) {
			throw RunnerSerializationException.invalidPayload("Invalid Date payload");
		}
		return instant;
	}

	private static Double nonFiniteNumber(@Nullable Object payload) {
		if ("NaN".equals(payload)) {
			return Double.NaN;
		}
		if ("Infinity".equals(payload)) {
			return Double.POSITIVE_INFINITY;
		}
		if ("-Infinity".equals(payload)) {
			return Double.NEGATIVE_INFINITY;
		}
		throw RunnerSerializationException.invalidPayload("Invalid non-finite number payload");
	}

	private static BigInteger bigInt(@Nullable Object payload) {
		if (payload instanceof String text) {
			String trimmed = text.strip();
			int start = (trimmed.startsWith("+") || trimmed.startsWith("-")) ? 1 : 0;
			boolean digits = trimmed.length() > start;
			for (int i = start; i < trimmed.length() && digits; i++) {
				char c = trimmed.charAt(i);
				digits = c >= '0' && c <= '9';
			}
			if (digits && trimmed.length() - start > MAX_BIGINT_DIGITS) {
				// new BigInteger(String) is quadratic: 1.9 million digits (a 2 MB body) take minutes of CPU
				throw RunnerSerializationException.validation("BigInt payload exceeds limit (" + MAX_BIGINT_DIGITS
						+ " digits)");
			}
			if (digits) {
				return new BigInteger(trimmed);
			}
		}
		throw RunnerSerializationException.invalidPayload("Invalid bigint payload");
	}

	private static JsSymbol symbol(@Nullable Object payload) {
		if (isPlainObject(payload) && payload instanceof Map<?, ?> map && map.get("key") instanceof String key) {
			Object kind = map.get("kind");
			if (JsSymbol.Kind.FOR.wireName().equals(kind)) {
				return new JsSymbol(JsSymbol.Kind.FOR, key);
			}
			if (JsSymbol.Kind.WELL_KNOWN.wireName().equals(kind) && WELL_KNOWN_SYMBOLS.contains(key)) {
				return new JsSymbol(JsSymbol.Kind.WELL_KNOWN, key);
			}
		}
		throw RunnerSerializationException.invalidPayload("Invalid symbol payload");
	}

	private static JsError error(@Nullable Object payload) {
		if (!isPlainObject(payload) || !(payload instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
				|| !(map.get("message") instanceof String message)) {
			throw invalidError();
		}
		String stack = null;
		Object stackValue = map.get("stack");
		if (stackValue instanceof String text) {
			stack = text;
		}
		else if (map.containsKey("stack") && stackValue != JsUndefined.INSTANCE) {
			throw invalidError();
		}
		Map<String, @Nullable Object> customFields = new LinkedHashMap<>();
		Object fields = map.get("customFields");
		if (isPlainObject(fields) && fields instanceof Map<?, ?> fieldMap) {
			for (Map.Entry<?, ?> field : fieldMap.entrySet()) {
				if (field.getKey() instanceof String fieldName && !BLOCKED_ERROR_FIELDS.contains(fieldName)) {
					customFields.put(fieldName, field.getValue());
				}
			}
		}
		else if (map.containsKey("customFields") && fields != JsUndefined.INSTANCE) {
			throw invalidError();
		}
		boolean hasCause = map.containsKey("cause");
		return new JsError(name, message, stack, customFields, hasCause, hasCause ? map.get("cause") : null);
	}

	private static RunnerSerializationException invalidError() {
		return RunnerSerializationException.invalidPayload("Invalid Error payload");
	}

	private static Object url(@Nullable Object payload) {
		if (payload instanceof String href && hasScheme(href)) {
			try {
				URI uri = new URI(href);
				if (uri.isAbsolute()) {
					return uri;
				}
			}
			catch (URISyntaxException ex) {
				if (isUrlText(href)) {
					return new JsUrl(href);
				}
			}
		}
		throw RunnerSerializationException.invalidPayload("Invalid URL payload");
	}

	private static boolean hasScheme(String href) {
		int colon = href.indexOf(':');
		if (colon < 1 || !isAsciiLetter(href.charAt(0))) {
			return false;
		}
		for (int i = 1; i < colon; i++) {
			char c = href.charAt(i);
			if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isUrlText(String href) {
		for (int i = 0; i < href.length(); i++) {
			char c = href.charAt(i);
			if (c <= ' ' || c == 0x7F) {
				return false;
			}
		}
		return true;
	}

	private static Object binary(String typeId, @Nullable Object payload) {
		int elementSize = switch (typeId) {
			case "ArrayBuffer", "DataView", "Buffer", "Int8Array", "Uint8Array", "Uint8ClampedArray" -> 1;
			case "Int16Array", "Uint16Array" -> 2;
			case "Int32Array", "Uint32Array", "Float32Array" -> 4;
			case "Float64Array", "BigInt64Array", "BigUint64Array" -> 8;
			default -> throw RunnerSerializationException.unknownType(typeId);
		};
		byte[] bytes = bytes(typeId, payload);
		if (bytes.length % elementSize != 0) {
			throw RunnerSerializationException.invalidPayload("Invalid " + typeId + " payload");
		}
		if (elementSize == 1) {
			return bytes;
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int count = bytes.length / elementSize;
		switch (typeId) {
			case "Int16Array": {
				short[] values = new short[count];
				buffer.asShortBuffer().get(values);
				return values;
			}
			case "Uint16Array": {
				char[] values = new char[count];
				buffer.asCharBuffer().get(values);
				return values;
			}
			case "Int32Array": {
				int[] values = new int[count];
				buffer.asIntBuffer().get(values);
				return values;
			}
			case "Uint32Array": {
				long[] values = new long[count];
				for (int i = 0; i < count; i++) {
					values[i] = Integer.toUnsignedLong(buffer.getInt(i * 4));
				}
				return values;
			}
			case "Float32Array": {
				float[] values = new float[count];
				buffer.asFloatBuffer().get(values);
				return values;
			}
			case "Float64Array": {
				double[] values = new double[count];
				buffer.asDoubleBuffer().get(values);
				return values;
			}
			case "BigInt64Array": {
				long[] values = new long[count];
				buffer.asLongBuffer().get(values);
				return values;
			}
			default: {
				BigInteger[] values = new BigInteger[count];
				for (int i = 0; i < count; i++) {
					values[i] = new BigInteger(Long.toUnsignedString(buffer.getLong(i * 8)));
				}
				return values;
			}
		}
	}

	private static byte[] bytes(String typeId, @Nullable Object payload) {
		if (payload instanceof List<?> list) {
			byte[] bytes = new byte[list.size()];
			for (int i = 0; i < bytes.length; i++) {
				Object element = list.get(i);
				long value;
				if (element instanceof Long number) {
					value = number;
				}
				else if (element instanceof Double number && number == Math.rint(number)) {
					value = number.longValue();
				}
				else {
					value = -1;
				}
				if (value < 0 || value > 255) {
					throw RunnerSerializationException.invalidPayload("Invalid " + typeId + " payload");
				}
				bytes[i] = (byte) value;
			}
			return bytes;
		}
		throw RunnerSerializationException.invalidPayload("Invalid " + typeId + " payload");
	}

	private static boolean isPlainObject(@Nullable Object value) {
		return value instanceof Map && !(value instanceof JsMap);
	}

}
