package dev.runner.spring.serializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionLikeType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapLikeType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.ReferenceType;
import tools.jackson.databind.util.TokenBuffer;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Writes a {@link ValueKind#JACKSON} value (a type with its own Jackson serializer, or a bean using Jackson
 * features the walker does not replicate) with the application's Jackson configuration, into a token buffer in
 * which every nested value the walker handles itself (dates, maps, collections, numbers, ...) is kept as an
 * embedded Java object; the result is read back into plain Java structures that {@link TreeEncoder} then encodes.
 */
final class JacksonFallback {

	private final JsonMapper mapper;

	private final int maxDepth;

	JacksonFallback(JsonMapper applicationMapper, ClassCodecs codecs, int maxDepth) {
		SimpleModule module = new SimpleModule("runner-serializer-embedding") {

			@Override
			public void setupModule(SetupContext context) {
				super.setupModule(context);
				context.addSerializers(new EmbeddingSerializers(codecs));
			}

		};
		this.mapper = applicationMapper.rebuild().addModule(module).build();
		this.maxDepth = maxDepth;
	}

	/**
	 * Returns the value as plain structures ({@code LinkedHashMap}, {@code ArrayList}, scalars and embedded
	 * values).
	 * @throws RunnerSerializationException if Jackson cannot write the value
	 */
	@Nullable Object toPlain(Object value) {
		TokenBuffer buffer = TokenBuffer.forGeneration();
		try {
			this.mapper.writeValue(buffer, value);
			try (JsonParser parser = buffer.asParser()) {
				return read(parser, parser.nextToken(), 0);
			}
		}
		catch (JacksonException | StackOverflowError ex) {
			throw RunnerSerializationException.cannotEncode(value.getClass().getName(), ex);
		}
	}

	private @Nullable Object read(JsonParser parser, @Nullable JsonToken token, int depth) {
		if (depth > this.maxDepth) {
			throw RunnerSerializationException.depthExceeded(this.maxDepth);
		}
		if (token == null) {
			return null;
		}
		switch (token) {
			case START_OBJECT: {
				Map<String, @Nullable Object> map = new LinkedHashMap<>();
				String name;
				while ((name = parser.nextName()) != null) {
					map.put(name, read(parser, parser.nextToken(), depth + 1));
				}
				return map;
			}
			case START_ARRAY: {
				List<@Nullable Object> list = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
					list.add(read(parser, next, depth + 1));
				}
				return list;
			}
			case VALUE_STRING:
				return parser.getString();
			case VALUE_NUMBER_INT:
			case VALUE_NUMBER_FLOAT:
				return parser.getNumberValue();
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_EMBEDDED_OBJECT:
				return parser.getEmbeddedObject();
			default:
				return null;
		}
	}

	/**
	 * Hands the values the walker handles itself over to it unchanged.
	 */
	private static final class EmbeddingSerializers implements Serializers {

		private final ClassCodecs codecs;

		EmbeddingSerializers(ClassCodecs codecs) {
			this.codecs = codecs;
		}

		private @Nullable ValueSerializer<?> embed(JavaType type) {
			return this.codecs.isEmbedded(type.getRawClass()) ? EmbeddingSerializer.INSTANCE : null;
		}

		@Override
		public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findArraySerializer(SerializationConfig config, ArrayType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
				TypeSerializer elementTypeSerializer, ValueSerializer<Object> elementValueSerializer) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findCollectionSerializer(SerializationConfig config, CollectionType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
				TypeSerializer elementTypeSerializer, ValueSerializer<Object> elementValueSerializer) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findCollectionLikeSerializer(SerializationConfig config,
				CollectionLikeType type, BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
				TypeSerializer elementTypeSerializer, ValueSerializer<Object> elementValueSerializer) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findMapSerializer(SerializationConfig config, MapType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
				ValueSerializer<Object> keySerializer, TypeSerializer elementTypeSerializer,
				ValueSerializer<Object> elementValueSerializer) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findMapLikeSerializer(SerializationConfig config, MapLikeType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
				ValueSerializer<Object> keySerializer, TypeSerializer elementTypeSerializer,
				ValueSerializer<Object> elementValueSerializer) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findEnumSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findTreeNodeSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides) {
			return embed(type);
		}

		@Override
		public @Nullable ValueSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
				TypeSerializer contentTypeSerializer, ValueSerializer<Object> contentValueSerializer) {
			return embed(type);
		}

	}

	/**
	 * Writes the value as an embedded object.
	 */
	private static final class EmbeddingSerializer extends StdSerializer<Object> {

		static final EmbeddingSerializer INSTANCE = new EmbeddingSerializer();

		private EmbeddingSerializer() {
			super(Object.class);
		}

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			generator.writeEmbeddedObject(value);
		}

		@Override
		public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
				TypeSerializer typeSerializer) {
			generator.writeEmbeddedObject(value);
		}

		@Override
		public boolean isEmpty(SerializationContext context, @Nullable Object value) {
			return ClassCodec.Inclusion.NON_EMPTY.suppresses(value);
		}

	}

}
