package dev.runner.spring.serializer;

import org.jspecify.annotations.Nullable;

/**
 * A custom type of the runner serializer (docs/serializer.md §8): values of a Java class travel as
 * {@code {"__type":"<typeId>","value":<payload>}}, the same record a JavaScript serializer writes for a type added
 * with {@code serializer.addType({id, is, serialize, deserialize})}. Declare codecs as beans; they apply to every
 * request and response. Builtin types win: a codec cannot take a builtin type id, nor a class the serializer already
 * maps (dates, maps, collections...).
 *
 * @param <T> the Java class
 * @since 0.1.0
 */
public interface RunnerTypeCodec<T> {

	/**
	 * Returns the type id on the wire, the same as the JavaScript side's {@code id}.
	 * @return the type id, for example {@code Money}
	 */
	String typeId();

	/**
	 * Returns the Java class; instances of it and of its subclasses are encoded with this codec.
	 * @return the class
	 */
	Class<T> type();

	/**
	 * Turns a value into its payload, any value the serializer can encode (usually a map).
	 * @param value the value
	 * @return the payload
	 */
	@Nullable Object toPayload(T value);

	/**
	 * Builds a value from its decoded payload (maps, lists, scalars and the serializer's typed values).
	 * @param payload the decoded payload
	 * @return the value
	 * @throws IllegalArgumentException if the payload is not valid; the request then answers 400
	 * {@code INVALID_JSON}
	 */
	T fromPayload(@Nullable Object payload);

	/**
	 * Returns the Java type that describes the payload, for the published contracts (docs/tunnel-http.md §19): the
	 * JSON Schema of {@code value} in the type record is that type's. Types the serializer maps (a record, a
	 * {@code Map<String, Object>}, {@code String}...) are described as they travel.
	 * @return the payload's type, or {@code null} (the default) when the payload is described as any value
	 * @since 0.2.0
	 */
	default java.lang.reflect.@Nullable Type payloadType() {
		return null;
	}

}
