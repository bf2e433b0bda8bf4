package dev.runner.spring.serializer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * What {@link TreeEncoder} knows about one class, resolved once: its {@link ValueKind}, the properties of a
 * {@link ValueKind#BEAN} and the reported type name of an {@link ValueKind#OPAQUE} value.
 */
record ClassCodec(ValueKind kind, BeanProperty[] properties, @Nullable String opaqueName,
		@Nullable RunnerTypeCodec<?> custom) {

	private static final BeanProperty[] NO_PROPERTIES = {};

	static ClassCodec of(ValueKind kind) {
		return new ClassCodec(kind, NO_PROPERTIES, null, null);
	}

	static ClassCodec bean(BeanProperty[] properties) {
		return new ClassCodec(ValueKind.BEAN, properties, null, null);
	}

	static ClassCodec opaque(String name) {
		return new ClassCodec(ValueKind.OPAQUE, NO_PROPERTIES, name, null);
	}

	static ClassCodec custom(RunnerTypeCodec<?> codec) {
		return new ClassCodec(ValueKind.CUSTOM, NO_PROPERTIES, null, codec);
	}

	/**
	 * The type id of the record {@link TreeEncoder} writes for every instance of the class, {@code null} when they
	 * are plain JSON or the record depends on the value (maps, doubles, optionals).
	 */
	@Nullable String typeRecordId() {
		return switch (this.kind) {
			case INSTANT, UTIL_DATE, OFFSET_DATE_TIME, ZONED_DATE_TIME, CALENDAR -> "Date";
			case BIG_INTEGER -> "BigInt";
			case REGEXP, PATTERN -> "RegExp";
			case JS_MAP -> "Map";
			case SET -> "Set";
			case BYTE_ARRAY -> "Uint8Array";
			case BYTE_BUFFER -> "ArrayBuffer";
			case SYMBOL -> "Symbol";
			case ERROR -> "Error";
			case URL -> "URL";
			case URL_SEARCH_PARAMS -> "URLSearchParams";
			case UNDEFINED -> "Undefined";
			case CUSTOM -> (this.custom != null) ? this.custom.typeId() : null;
			default -> null;
		};
	}

	/**
	 * Which values of a bean property are left out, mirroring its {@code @JsonInclude} setting.
	 */
	enum Inclusion {

		ALWAYS, NON_NULL, NON_ABSENT, NON_EMPTY;

		boolean suppresses(@Nullable Object value) {
			if (this == ALWAYS) {
				return false;
			}
			if (value == null) {
				return true;
			}
			if (this == NON_NULL) {
				return false;
			}
			boolean absent = (value instanceof Optional<?> optional && optional.isEmpty())
					|| (value instanceof OptionalInt optionalInt && optionalInt.isEmpty())
					|| (value instanceof OptionalLong optionalLong && optionalLong.isEmpty())
					|| (value instanceof OptionalDouble optionalDouble && optionalDouble.isEmpty())
					|| value == JsUndefined.INSTANCE;
			if (absent || this == NON_ABSENT) {
				return absent;
			}
			return (value instanceof CharSequence text && text.isEmpty())
					|| (value instanceof Collection<?> collection && collection.isEmpty())
					|| (value instanceof Map<?, ?> map && map.isEmpty())
					|| (value.getClass().isArray() && Array.getLength(value) == 0);
		}

	}

	/**
	 * One bean property: Jackson's accessor, the escaped name to write, and its inclusion rule.
	 */
	/**
	 * One property of a bean: Jackson's writer (name, inclusion, annotations), and a method handle typed
	 * {@code (Object)Object} that reads the value without reflection, or {@code null} to read it through the writer.
	 */
	record BeanProperty(BeanPropertyWriter writer, SerializableString name, Inclusion inclusion,
			@Nullable MethodHandle getter) {

		static @Nullable MethodHandle getterOf(BeanPropertyWriter writer) {
			AnnotatedMember annotated = writer.getMember();
			Member member = (annotated != null) ? annotated.getMember() : null;
			try {
				MethodHandle handle;
				if (member instanceof Method method && method.getParameterCount() == 0) {
					handle = MethodHandles.lookup().unreflect(method);
				}
				else if (member instanceof Field field) {
					handle = MethodHandles.lookup().unreflectGetter(field);
				}
				else {
					return null;
				}
				return handle.asType(MethodType.methodType(Object.class, Object.class));
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

}
