package dev.runner.spring.serializer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@link RunnerTypeCodec}s of a serializer, by type id and by class.
 */
final class CustomTypes {

	static final CustomTypes NONE = new CustomTypes(List.of());

	private static final List<String> BUILTIN_IDS = List.of("Date", "RegExp", "Map", "Set", "Undefined",
			"NonFiniteNumber", "BigInt", "Symbol", "Error", "URL", "URLSearchParams", "ArrayBuffer", "DataView",
			"Buffer", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
			"Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array");

	private final Map<String, RunnerTypeCodec<?>> byId = new LinkedHashMap<>();

	CustomTypes(List<? extends RunnerTypeCodec<?>> codecs) {
		for (RunnerTypeCodec<?> codec : codecs) {
			String id = codec.typeId();
			if (id == null || id.isEmpty() || BUILTIN_IDS.contains(id)) {
				throw new IllegalArgumentException("Runner type codec " + codec.getClass().getName() + " has the type id '"
						+ id + "', which is empty or a builtin type's: choose another id");
			}
			RunnerTypeCodec<?> existing = this.byId.putIfAbsent(id, codec);
			if (existing != null) {
				throw new IllegalArgumentException("Runner type codecs " + existing.getClass().getName() + " and "
						+ codec.getClass().getName() + " both have the type id '" + id + "'");
			}
		}
	}

	/**
	 * Builds the value of a custom type record.
	 * @return the value, or {@code null} when no codec has that id
	 * @throws RunnerSerializationException if the codec refuses the payload
	 */
	@Nullable Object create(String typeId, @Nullable Object payload) {
		RunnerTypeCodec<?> codec = this.byId.get(typeId);
		if (codec == null) {
			return null;
		}
		try {
			return codec.fromPayload(payload);
		}
		catch (RuntimeException ex) {
			throw RunnerSerializationException.invalidPayload("Invalid " + typeId + " payload");
		}
	}

	/**
	 * Returns the codec for a class that the serializer does not map itself.
	 */
	@Nullable RunnerTypeCodec<?> forClass(Class<?> type) {
		for (RunnerTypeCodec<?> codec : this.byId.values()) {
			if (codec.type().isAssignableFrom(type)) {
				return codec;
			}
		}
		return null;
	}

}
