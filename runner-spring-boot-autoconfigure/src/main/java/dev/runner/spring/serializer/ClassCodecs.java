package dev.runner.spring.serializer;

import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.BaseStream;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonFilter;
import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonIdentityReference;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonKey;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonTypeId;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.BeanSerializer;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.ser.UnrolledBeanSerializer;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.ser.impl.UnknownSerializer;

/**
 * Resolves and caches the {@link ClassCodec} of each class (docs/serializer.md §9.2). Records and POJOs become
 * {@link ValueKind#BEAN} when Jackson's own bean serializer for them is plain enough for the walker to read their
 * properties directly (names, order, {@code @JsonIgnore}, naming strategy and {@code @JsonInclude} are taken from
 * Jackson); anything else Jackson knows how to write is {@link ValueKind#JACKSON}.
 */
final class ClassCodecs extends ClassValue<ClassCodec> {

	private static final List<Class<?>> OPAQUE_TYPES = List.of(BaseStream.class, Iterator.class, Spliterator.class,
			AutoCloseable.class, Thread.class, ThreadGroup.class, ClassLoader.class, Class.class, Member.class,
			Future.class, CompletionStage.class, Executor.class, java.lang.ref.Reference.class, Module.class);

	private static final Set<String> PUBLISHER_TYPES = Set.of("org.reactivestreams.Publisher",
			"java.util.concurrent.Flow$Publisher");

	private static final List<Class<? extends Annotation>> UNSUPPORTED_PROPERTY_ANNOTATIONS = List.of(
			JsonSerialize.class, JsonRawValue.class, JsonTypeInfo.class, JsonTypeId.class,
			JsonIdentityInfo.class, JsonIdentityReference.class, JsonUnwrapped.class, JsonFilter.class, JsonKey.class,
			JsonValue.class, JsonAnyGetter.class);

	private final JsonMapper mapper;

	private final CustomTypes custom;

	ClassCodecs(JsonMapper mapper, CustomTypes custom) {
		this.mapper = mapper;
		this.custom = custom;
	}

	@Override
	protected ClassCodec computeValue(Class<?> type) {
		ValueKind kind = builtinKind(type);
		if (kind != null) {
			return ClassCodec.of(kind);
		}
		RunnerTypeCodec<?> codec = this.custom.forClass(type);
		if (codec != null) {
			return ClassCodec.custom(codec);
		}
		String opaque = opaqueName(type);
		if (opaque != null) {
			return ClassCodec.opaque(opaque);
		}
		return introspect(type);
	}

	private static @Nullable ValueKind builtinKind(Class<?> type) {
		if (type == String.class) {
			return ValueKind.STRING;
		}
		if (type == Boolean.class) {
			return ValueKind.BOOLEAN;
		}
		if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
				|| type == AtomicInteger.class || type == AtomicLong.class) {
			return ValueKind.INTEGER;
		}
		if (type == Double.class) {
			return ValueKind.DOUBLE;
		}
		if (type == Float.class) {
			return ValueKind.FLOAT;
		}
		if (type == BigInteger.class) {
			return ValueKind.BIG_INTEGER;
		}
		if (type == BigDecimal.class) {
			return ValueKind.BIG_DECIMAL;
		}
		if (Number.class.isAssignableFrom(type)) {
			return ValueKind.OTHER_NUMBER;
		}
		if (type == Character.class) {
			return ValueKind.CHARACTER;
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return ValueKind.CHAR_SEQUENCE;
		}
		if (Enum.class.isAssignableFrom(type)) {
			return ValueKind.ENUM;
		}
		ValueKind special = specialKind(type);
		if (special != null) {
			return special;
		}
		if (type.isArray()) {
			return arrayKind(type.getComponentType());
		}
		return null;
	}

	private static @Nullable ValueKind specialKind(Class<?> type) {
		if (type == JsUndefined.class) {
			return ValueKind.UNDEFINED;
		}
		if (type == Optional.class) {
			return ValueKind.OPTIONAL;
		}
		if (type == OptionalInt.class) {
			return ValueKind.OPTIONAL_INT;
		}
		if (type == OptionalLong.class) {
			return ValueKind.OPTIONAL_LONG;
		}
		if (type == OptionalDouble.class) {
			return ValueKind.OPTIONAL_DOUBLE;
		}
		if (type == Instant.class) {
			return ValueKind.INSTANT;
		}
		if (Date.class.isAssignableFrom(type)) {
			return ValueKind.UTIL_DATE;
		}
		if (type == OffsetDateTime.class) {
			return ValueKind.OFFSET_DATE_TIME;
		}
		if (type == ZonedDateTime.class) {
			return ValueKind.ZONED_DATE_TIME;
		}
		if (Calendar.class.isAssignableFrom(type)) {
			return ValueKind.CALENDAR;
		}
		if (type == LocalDate.class) {
			return ValueKind.LOCAL_DATE;
		}
		if (type == LocalDateTime.class) {
			return ValueKind.LOCAL_DATE_TIME;
		}
		if (type == UUID.class) {
			return ValueKind.TO_STRING;
		}
		if (type == JsRegExp.class) {
			return ValueKind.REGEXP;
		}
		if (type == Pattern.class) {
			return ValueKind.PATTERN;
		}
		if (JsonNode.class.isAssignableFrom(type)) {
			return ValueKind.JSON_NODE;
		}
		if (type == JsMap.class) {
			return ValueKind.JS_MAP;
		}
		if (Map.class.isAssignableFrom(type)) {
			return ValueKind.MAP;
		}
		if (Set.class.isAssignableFrom(type)) {
			return ValueKind.SET;
		}
		if (Collection.class.isAssignableFrom(type)) {
			return ValueKind.COLLECTION;
		}
		if (ByteBuffer.class.isAssignableFrom(type)) {
			return ValueKind.BYTE_BUFFER;
		}
		if (type == JsSymbol.class) {
			return ValueKind.SYMBOL;
		}
		if (Throwable.class.isAssignableFrom(type)) {
			return ValueKind.ERROR;
		}
		if (type == URI.class || type == URL.class || type == JsUrl.class) {
			return ValueKind.URL;
		}
		if (type == JsUrlSearchParams.class) {
			return ValueKind.URL_SEARCH_PARAMS;
		}
		return null;
	}

	private static ValueKind arrayKind(Class<?> component) {
		if (!component.isPrimitive()) {
			return ValueKind.OBJECT_ARRAY;
		}
		if (component == byte.class) {
			return ValueKind.BYTE_ARRAY;
		}
		if (component == short.class) {
			return ValueKind.SHORT_ARRAY;
		}
		if (component == int.class) {
			return ValueKind.INT_ARRAY;
		}
		if (component == long.class) {
			return ValueKind.LONG_ARRAY;
		}
		if (component == float.class) {
			return ValueKind.FLOAT_ARRAY;
		}
		if (component == double.class) {
			return ValueKind.DOUBLE_ARRAY;
		}
		if (component == char.class) {
			return ValueKind.CHAR_ARRAY;
		}
		return ValueKind.BOOLEAN_ARRAY;
	}

	private static @Nullable String opaqueName(Class<?> type) {
		if (type.isSynthetic() || type.isHidden() || Proxy.isProxyClass(type)) {
			return "function";
		}
		for (Class<?> opaqueType : OPAQUE_TYPES) {
			if (opaqueType.isAssignableFrom(type)) {
				return type.getName();
			}
		}
		if (implementsNamed(type, PUBLISHER_TYPES)) {
			return type.getName();
		}
		return isFunction(type) ? "function" : null;
	}

	private static boolean isFunction(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Class<?> contract : current.getInterfaces()) {
				if (contract == Runnable.class || contract == Callable.class
						|| contract.getPackageName().equals("java.util.function") || isFunction(contract)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean implementsNamed(Class<?> type, Set<String> names) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Class<?> contract : current.getInterfaces()) {
				if (names.contains(contract.getName()) || implementsNamed(contract, names)) {
					return true;
				}
			}
		}
		return false;
	}

	private ClassCodec introspect(Class<?> type) {
		SerializationContext context = serializationContext();
		SerializationConfig config = this.mapper.serializationConfig();
		ValueSerializer<Object> serializer;
		try {
			serializer = context.findValueSerializer(type);
			if (context.findTypeSerializer(context.constructType(type)) != null) {
				return ClassCodec.of(ValueKind.JACKSON);
			}
		}
		catch (RuntimeException ex) {
			return ClassCodec.opaque(type.getName());
		}
		if (serializer instanceof UnknownSerializer) {
			return config.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS) ? ClassCodec.opaque(type.getName())
					: ClassCodec.bean(new ClassCodec.BeanProperty[0]);
		}
		if (serializer.getClass() != BeanSerializer.class && serializer.getClass() != UnrolledBeanSerializer.class) {
			return ClassCodec.of(ValueKind.JACKSON);
		}
		BeanSerializerBase beanSerializer = (BeanSerializerBase) serializer;
		// views only matter when a view is active, which the walker does not support
		if (beanSerializer.usesObjectId() || beanSerializer.getFilterId() != null || config.getActiveView() != null) {
			return ClassCodec.of(ValueKind.JACKSON);
		}
		List<ClassCodec.BeanProperty> indexed = new ArrayList<>();
		List<ClassCodec.BeanProperty> named = new ArrayList<>();
		for (Iterator<PropertyWriter> it = beanSerializer.properties(); it.hasNext();) {
			PropertyWriter property = it.next();
			if (property.getClass() != BeanPropertyWriter.class) {
				return ClassCodec.of(ValueKind.JACKSON);
			}
			BeanPropertyWriter writer = (BeanPropertyWriter) property;
			ClassCodec.Inclusion inclusion = inclusion(writer, config, type);
			if (inclusion == null || writer.getTypeSerializer() != null || hasUnsupportedAnnotation(writer)) {
				return ClassCodec.of(ValueKind.JACKSON);
			}
			String name = writer.getName();
			if (Keys.isUnsafe(name)) {
				continue;
			}
			ClassCodec.BeanProperty beanProperty = new ClassCodec.BeanProperty(writer,
					new SerializedString(Keys.escape(name)), inclusion, ClassCodec.BeanProperty.getterOf(writer));
			(Keys.arrayIndex(name) >= 0 ? indexed : named).add(beanProperty);
		}
		indexed.sort((a, b) -> Long.compare(Keys.arrayIndex(a.writer().getName()),
				Keys.arrayIndex(b.writer().getName())));
		indexed.addAll(named);
		return ClassCodec.bean(indexed.toArray(new ClassCodec.BeanProperty[0]));
	}

	/**
	 * Returns a serialization context of the mapper through Jackson's public format-visitor API, which hands the
	 * visitor the context it serializes with (the same a call to {@code writeValue} creates).
	 */
	private SerializationContext serializationContext() {
		JsonFormatVisitorWrapper.Base visitor = new JsonFormatVisitorWrapper.Base();
		this.mapper.acceptJsonFormatVisitor(Object.class, visitor);
		return visitor.getContext();
	}

	private static ClassCodec.@Nullable Inclusion inclusion(BeanPropertyWriter writer, SerializationConfig config,
			Class<?> beanType) {
		JsonInclude.Value inclusion = writer.findPropertyInclusion(config, beanType);
		JsonInclude.Include content = inclusion.getContentInclusion();
		if (content != JsonInclude.Include.ALWAYS && content != JsonInclude.Include.USE_DEFAULTS) {
			return null;
		}
		ClassCodec.Inclusion result = switch (inclusion.getValueInclusion()) {
			case ALWAYS, USE_DEFAULTS -> ClassCodec.Inclusion.ALWAYS;
			case NON_NULL -> ClassCodec.Inclusion.NON_NULL;
			case NON_ABSENT -> ClassCodec.Inclusion.NON_ABSENT;
			case NON_EMPTY -> ClassCodec.Inclusion.NON_EMPTY;
			default -> null;
		};
		if (result == ClassCodec.Inclusion.ALWAYS && writer.willSuppressNulls()) {
			return ClassCodec.Inclusion.NON_NULL;
		}
		return result;
	}

	private static boolean hasUnsupportedAnnotation(BeanPropertyWriter writer) {
		for (Class<? extends Annotation> annotation : UNSUPPORTED_PROPERTY_ANNOTATIONS) {
			if (writer.getAnnotation(annotation) != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether values of the class are handed over as-is (embedded) when Jackson writes a
	 * {@link ValueKind#JACKSON} value: everything the walker writes itself, except plain scalars and beans (which
	 * Jackson writes the same way, and must write itself for {@code @JsonUnwrapped}).
	 */
	boolean isEmbedded(Class<?> type) {
		ValueKind kind = get(type).kind();
		return kind != ValueKind.JACKSON && kind != ValueKind.BEAN && kind != ValueKind.STRING
				&& kind != ValueKind.BOOLEAN && kind != ValueKind.INTEGER;
	}

}
