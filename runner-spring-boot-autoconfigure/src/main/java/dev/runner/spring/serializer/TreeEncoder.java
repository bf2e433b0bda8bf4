package dev.runner.spring.serializer;

import java.lang.invoke.MethodHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Writes Java values in the tree format (docs/serializer.md §3, §5, §9.2, §9.3) into a Jackson generator: type records
 * for the special types, reserved-key escaping, unsafe keys dropped, JavaScript key order, JavaScript number text,
 * and the depth limit, which also stops cycles.
 */
final class TreeEncoder {

	private static final double TWO_POW_53 = 9_007_199_254_740_992d;

	private static final SerializableString TYPE = new SerializedString(Keys.TYPE);

	private static final SerializableString VALUE = new SerializedString(Keys.VALUE);

	private static final SerializableString UNDEFINED_TYPE = new SerializedString("Undefined");

	private final int maxDepth;

	private final ClassCodecs codecs;

	private final JacksonFallback fallback;

	TreeEncoder(int maxDepth, ClassCodecs codecs, JacksonFallback fallback) {
		this.maxDepth = maxDepth;
		this.codecs = codecs;
		this.fallback = fallback;
	}

	void write(JsonGenerator generator, @Nullable Object value) {
		new Run(generator, null).value(value, 0);
	}

	<T> void write(JsonGenerator generator, @Nullable Object value, Substitution<T> substitution) {
		new Run(generator, substitution).value(value, 0);
	}

	/**
	 * Values of a type written as another value: what {@link RunnerSerializer#encode(Object, Class,
	 * java.util.function.Function)} asks for.
	 * @param type the type whose instances are replaced
	 * @param replacement gives the value written instead; it must not return an instance of {@code type}
	 * @param <T> the type
	 */
	record Substitution<T>(Class<T> type, java.util.function.Function<? super T, ?> replacement) {

		@Nullable Object apply(Object value) {
			return this.replacement.apply(this.type.cast(value));
		}

	}

	/**
	 * One encoding call: the generator and the chain of values being written, for the cycle diagnosis.
	 */
	private final class Run {

		private final JsonGenerator gen;

		private final @Nullable Substitution<?> substitution;

		private @Nullable Object[] chain = new Object[32];

		Run(JsonGenerator generator, @Nullable Substitution<?> substitution) {
			this.gen = generator;
			this.substitution = substitution;
		}

		void value(@Nullable Object value, int depth) {
			if (depth > TreeEncoder.this.maxDepth) {
				throw tooDeep();
			}
			if (value != null && this.substitution != null && this.substitution.type().isInstance(value)) {
				value = this.substitution.apply(value);
			}
			if (value == null) {
				this.gen.writeNull();
				return;
			}
			if (value instanceof String text) {
				this.gen.writeString(text);
				return;
			}
			if (depth >= this.chain.length) {
				this.chain = Arrays.copyOf(this.chain, Math.min(this.chain.length * 2, TreeEncoder.this.maxDepth + 1));
			}
			this.chain[depth] = value;
			ClassCodec codec = TreeEncoder.this.codecs.get(value.getClass());
			switch (codec.kind()) {
				case BOOLEAN -> this.gen.writeBoolean((Boolean) value);
				case INTEGER -> this.gen.writeNumber(((Number) value).longValue());
				case DOUBLE, OTHER_NUMBER -> number(((Number) value).doubleValue(), depth);
				case FLOAT -> number((Float) value, depth);
				case BIG_INTEGER -> stringRecord("BigInt", value.toString(), depth);
				case BIG_DECIMAL -> this.gen.writeNumber(((BigDecimal) value).toPlainString());
				case STRING, CHAR_SEQUENCE, CHARACTER, TO_STRING, LOCAL_DATE -> this.gen.writeString(value.toString());
				case ENUM -> this.gen.writeString(((Enum<?>) value).name());
				case UNDEFINED -> undefined(depth);
				case OPTIONAL -> optional((Optional<?>) value, depth);
				case OPTIONAL_INT -> optional(((OptionalInt) value).isPresent()
						? Optional.of(((OptionalInt) value).getAsInt()) : Optional.empty(), depth);
				case OPTIONAL_LONG -> optional(((OptionalLong) value).isPresent()
						? Optional.of(((OptionalLong) value).getAsLong()) : Optional.empty(), depth);
				case OPTIONAL_DOUBLE -> optional(((OptionalDouble) value).isPresent()
						? Optional.of(((OptionalDouble) value).getAsDouble()) : Optional.empty(), depth);
				case INSTANT -> stringRecord("Date", JsDates.format((Instant) value), depth);
				case UTIL_DATE -> stringRecord("Date", JsDates.format(((Date) value).getTime()), depth);
				case OFFSET_DATE_TIME -> stringRecord("Date", JsDates.format(((OffsetDateTime) value).toInstant()),
						depth);
				case ZONED_DATE_TIME -> stringRecord("Date", JsDates.format(((ZonedDateTime) value).toInstant()),
						depth);
				case CALENDAR -> stringRecord("Date", JsDates.format(((Calendar) value).getTimeInMillis()), depth);
				case LOCAL_DATE_TIME -> this.gen.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
						(LocalDateTime) value));
				case REGEXP -> regExp((JsRegExp) value, depth);
				case PATTERN -> regExp(JsRegExp.of((Pattern) value), depth);
				case JSON_NODE -> jsonNode((JsonNode) value, depth);
				case JS_MAP -> mapRecord((Map<?, ?>) value, depth);
				case MAP -> map((Map<?, ?>) value, depth);
				case SET -> {
					startRecord("Set", depth);
					elements((Collection<?>) value, depth + 1);
					this.gen.writeEndObject();
				}
				case COLLECTION -> elements((Collection<?>) value, depth);
				case OBJECT_ARRAY -> elements(Arrays.asList((Object[]) value), depth);
				case BYTE_ARRAY -> bytesRecord("Uint8Array", (byte[]) value, depth);
				case BYTE_BUFFER -> {
					ByteBuffer buffer = ((ByteBuffer) value).duplicate();
					byte[] bytes = new byte[buffer.remaining()];
					buffer.get(bytes);
					bytesRecord("ArrayBuffer", bytes, depth);
				}
				case SHORT_ARRAY, INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY, DOUBLE_ARRAY, CHAR_ARRAY, BOOLEAN_ARRAY ->
					primitiveArray(value, depth);
				case SYMBOL -> symbol((JsSymbol) value, depth);
				case ERROR -> error((Throwable) value, depth);
				case URL -> stringRecord("URL", value.toString(), depth);
				case URL_SEARCH_PARAMS -> stringRecord("URLSearchParams", value.toString(), depth);
				case BEAN -> bean(value, codec.properties(), depth);
				case JACKSON -> jackson(value, depth);
				case CUSTOM -> custom(codec.custom(), value, depth);
				case OPAQUE -> throw RunnerSerializationException.cannotEncode(codec.opaqueName(), null);
			}
		}

		private RunnerSerializationException tooDeep() {
			Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
			for (Object ancestor : this.chain) {
				if (ancestor != null && canCycle(ancestor) && !seen.add(ancestor)) {
					return RunnerSerializationException.circular();
				}
			}
			return RunnerSerializationException.depthExceeded(TreeEncoder.this.maxDepth);
		}

		private boolean canCycle(Object value) {
			if (value instanceof Map<?, ?> map) {
				return !map.isEmpty();
			}
			if (value instanceof Collection<?> collection) {
				return !collection.isEmpty();
			}
			if (value instanceof Object[] array) {
				return array.length > 0;
			}
			ValueKind kind = TreeEncoder.this.codecs.get(value.getClass()).kind();
			return kind == ValueKind.BEAN || kind == ValueKind.JACKSON || kind == ValueKind.ERROR
					|| kind == ValueKind.JSON_NODE;
		}

		private void checkDepth(int depth) {
			if (depth > TreeEncoder.this.maxDepth) {
				throw tooDeep();
			}
		}

		@SuppressWarnings("unchecked")
		private void custom(RunnerTypeCodec<?> codec, Object value, int depth) {
			Object payload = ((RunnerTypeCodec<Object>) codec).toPayload(value);
			startRecord(codec.typeId(), depth);
			value(payload, depth + 1);
			this.gen.writeEndObject();
		}

		private void startRecord(String type, int depth) {
			checkDepth(depth + 1);
			this.gen.writeStartObject();
			this.gen.writeName(TYPE);
			this.gen.writeString(type);
			this.gen.writeName(VALUE);
		}

		private void stringRecord(String type, String payload, int depth) {
			startRecord(type, depth);
			this.gen.writeString(payload);
			this.gen.writeEndObject();
		}

		private void undefined(int depth) {
			checkDepth(depth + 1);
			this.gen.writeStartObject();
			this.gen.writeName(TYPE);
			this.gen.writeString(UNDEFINED_TYPE);
			this.gen.writeName(VALUE);
			this.gen.writeNull();
			this.gen.writeEndObject();
		}

		private void optional(Optional<?> optional, int depth) {
			if (optional.isPresent()) {
				value(optional.get(), depth);
			}
			else {
				undefined(depth);
			}
		}

		private void number(double value, int depth) {
			if (Double.isNaN(value) || Double.isInfinite(value)) {
				stringRecord("NonFiniteNumber", Double.isNaN(value) ? "NaN" : (value > 0) ? "Infinity" : "-Infinity",
						depth);
			}
			else if (value == Math.rint(value) && Math.abs(value) < TWO_POW_53) {
				this.gen.writeNumber((long) value);
			}
			else {
				this.gen.writeNumber(JsNumbers.format(value));
			}
		}

		private void number(float value, int depth) {
			if (Float.isNaN(value) || Float.isInfinite(value)) {
				number((double) value, depth);
			}
			else {
				this.gen.writeNumber(JsNumbers.format(value));
			}
		}

		private void regExp(JsRegExp regExp, int depth) {
			startRecord("RegExp", depth);
			checkDepth(depth + 2);
			this.gen.writeStartObject();
			this.gen.writeStringProperty("pattern", regExp.source());
			this.gen.writeStringProperty("flags", regExp.flags());
			this.gen.writeEndObject();
			this.gen.writeEndObject();
		}

		private void symbol(JsSymbol symbol, int depth) {
			startRecord("Symbol", depth);
			checkDepth(depth + 2);
			this.gen.writeStartObject();
			this.gen.writeStringProperty("kind", symbol.kind().wireName());
			this.gen.writeStringProperty("key", symbol.key());
			this.gen.writeEndObject();
			this.gen.writeEndObject();
		}

		private void error(Throwable throwable, int depth) {
			JsError jsError = (throwable instanceof JsError error) ? error : null;
			String name = (jsError != null) ? jsError.name() : throwable.getClass().getSimpleName();
			if (jsError == null && name.isEmpty()) {
				name = "Error"; // an anonymous class: no Java class name on the wire
			}
			String message = throwable.getMessage();
			startRecord("Error", depth);
			checkDepth(depth + 2);
			this.gen.writeStartObject();
			this.gen.writeStringProperty("name", name);
			this.gen.writeStringProperty("message", (message != null) ? message : "");
			this.gen.writeName("customFields");
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			if (jsError != null) {
				jsError.customFields().forEach((key, field) -> {
					if (!TypedValues.BLOCKED_ERROR_FIELDS.contains(key)) {
						fields.put(key, field);
					}
				});
			}
			map(fields, depth + 2);
			if (jsError != null && jsError.stack() != null) {
				this.gen.writeStringProperty("stack", jsError.stack());
			}
			if (jsError != null && jsError.hasCause()) {
				this.gen.writeName("cause");
				value(jsError.causeValue(), depth + 2);
			}
			this.gen.writeEndObject();
			this.gen.writeEndObject();
		}

		private void elements(Collection<?> elements, int depth) {
			this.gen.writeStartArray();
			for (Object element : elements) {
				value(element, depth + 1);
			}
			this.gen.writeEndArray();
		}

		private void bytesRecord(String type, byte[] bytes, int depth) {
			startRecord(type, depth);
			if (bytes.length > 0) {
				checkDepth(depth + 2);
			}
			this.gen.writeStartArray();
			for (byte b : bytes) {
				this.gen.writeNumber(b & 0xFF);
			}
			this.gen.writeEndArray();
			this.gen.writeEndObject();
		}

		private void primitiveArray(Object array, int depth) {
			int length = java.lang.reflect.Array.getLength(array);
			if (length > 0) {
				checkDepth(depth + 1);
			}
			if (array instanceof int[] ints) {
				this.gen.writeArray(ints, 0, length);
			}
			else if (array instanceof long[] longs) {
				this.gen.writeArray(longs, 0, length);
			}
			else {
				this.gen.writeStartArray();
				if (array instanceof double[] doubles) {
					for (double element : doubles) {
						number(element, depth + 1);
					}
				}
				else if (array instanceof float[] floats) {
					for (float element : floats) {
						number(element, depth + 1);
					}
				}
				else if (array instanceof short[] shorts) {
					for (short element : shorts) {
						this.gen.writeNumber(element);
					}
				}
				else if (array instanceof char[] chars) {
					for (char element : chars) {
						this.gen.writeNumber((int) element);
					}
				}
				else {
					for (boolean element : (boolean[]) array) {
						this.gen.writeBoolean(element);
					}
				}
				this.gen.writeEndArray();
			}
		}

		private void map(Map<?, ?> map, int depth) {
			boolean indexKeys = false;
			for (Object key : map.keySet()) {
				if (!(key instanceof String name)) {
					mapRecord(map, depth);
					return;
				}
				if (!indexKeys && !name.isEmpty() && name.charAt(0) <= '9' && Keys.arrayIndex(name) >= 0) {
					indexKeys = true;
				}
			}
			this.gen.writeStartObject();
			if (indexKeys) {
				List<Map.Entry<?, ?>> indexed = new ArrayList<>();
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (Keys.arrayIndex((String) entry.getKey()) >= 0) {
						indexed.add(entry);
					}
				}
				indexed.sort((a, b) -> Long.compare(Keys.arrayIndex((String) a.getKey()),
						Keys.arrayIndex((String) b.getKey())));
				for (Map.Entry<?, ?> entry : indexed) {
					property((String) entry.getKey(), entry.getValue(), depth + 1);
				}
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (Keys.arrayIndex((String) entry.getKey()) < 0) {
						property((String) entry.getKey(), entry.getValue(), depth + 1);
					}
				}
			}
			else {
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					property((String) entry.getKey(), entry.getValue(), depth + 1);
				}
			}
			this.gen.writeEndObject();
		}

		private void property(String key, @Nullable Object value, int depth) {
			if (!Keys.isUnsafe(key)) {
				this.gen.writeName(Keys.escape(key));
				value(value, depth);
			}
		}

		private void mapRecord(Map<?, ?> map, int depth) {
			startRecord("Map", depth);
			this.gen.writeStartArray();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				checkDepth(depth + 2);
				this.gen.writeStartArray();
				value(entry.getKey(), depth + 3);
				value(entry.getValue(), depth + 3);
				this.gen.writeEndArray();
			}
			this.gen.writeEndArray();
			this.gen.writeEndObject();
		}

		private void bean(Object bean, ClassCodec.BeanProperty[] properties, int depth) {
			this.gen.writeStartObject();
			for (ClassCodec.BeanProperty property : properties) {
				Object value;
				try {
					MethodHandle getter = property.getter();
					value = (getter != null) ? (Object) getter.invokeExact(bean) : property.writer().get(bean);
				}
				catch (Throwable ex) {
					throw new RunnerSerializationException(RunnerSerializationException.TYPE_ERROR,
							"Cannot read property \"" + property.writer().getName() + "\" of "
									+ bean.getClass().getName(), ex);
				}
				if (!property.inclusion().suppresses(value)) {
					this.gen.writeName(property.name());
					value(value, depth + 1);
				}
			}
			this.gen.writeEndObject();
		}

		private void jackson(Object value, int depth) {
			Object plain = TreeEncoder.this.fallback.toPlain(value);
			if (plain != null && TreeEncoder.this.codecs.get(plain.getClass()).kind() == ValueKind.JACKSON) {
				throw RunnerSerializationException.cannotEncode(value.getClass().getName(), null);
			}
			value(plain, depth);
		}

		private void jsonNode(JsonNode node, int depth) {
			switch (node.getNodeType()) {
				case OBJECT -> {
					Map<String, JsonNode> properties = new LinkedHashMap<>();
					for (Map.Entry<String, JsonNode> property : node.properties()) {
						properties.put(property.getKey(), property.getValue());
					}
					map(properties, depth);
				}
				case ARRAY -> elements(node.values(), depth);
				case STRING -> this.gen.writeString(node.stringValue());
				case NUMBER -> {
					if (node.isIntegralNumber()) {
						if (node.canConvertToLong()) {
							this.gen.writeNumber(node.longValue());
						}
						else {
							this.gen.writeNumber(node.bigIntegerValue().toString());
						}
					}
					else if (node.isBigDecimal()) {
						this.gen.writeNumber(node.decimalValue().toPlainString());
					}
					else if (node.isFloat()) {
						number(node.floatValue(), depth);
					}
					else {
						number(node.doubleValue(), depth);
					}
				}
				case BOOLEAN -> this.gen.writeBoolean(node.booleanValue());
				case NULL -> this.gen.writeNull();
				case MISSING -> undefined(depth);
				case BINARY -> bytesRecord("Uint8Array", node.binaryValue(), depth);
				case POJO -> value(((POJONode) node).getPojo(), depth);
			}
		}

	}

}
