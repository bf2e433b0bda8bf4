package dev.runner.spring.contract;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.runner.spring.RunnerFile;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.serializer.RunnerTypeCodec;

/**
 * The schemas of the Java types that the runner serializer writes as something else than Jackson would
 * (docs/serializer.md §9.2): dates, bigints, sets, maps with other than string keys, bytes, RegExps, URLs, non-finite
 * numbers, {@code Optional}s (an empty one is {@code undefined}), files and the application's custom types, each as
 * its type record {@code {"__type":"<id>","value":…}}. Which class travels as which record is the serializer's own
 * classification ({@link RunnerSerializer#typeRecordId}); every other type is left to victools' standard
 * definitions.
 * A type record's schema always has a {@code const} {@code __type}, which is how {@link TypeScriptDeclarations}
 * recognises it.
 */
final class WireTypes implements CustomDefinitionProviderV2 {

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RunnerSerializer serializer;

	WireTypes(RunnerSerializer serializer) {
		this.serializer = serializer;
	}

	@Override
	public @Nullable CustomDefinition provideCustomSchemaDefinition(ResolvedType type, SchemaGenerationContext context) {
		ObjectNode schema = schemaOf(type, context);
		// the type's own attributes (a map's additionalProperties) do not apply to its record; a member's (@Min) do
		return (schema != null) ? new CustomDefinition(schema, CustomDefinition.DefinitionType.INLINE,
				CustomDefinition.AttributeInclusion.NO) : null;
	}

	private @Nullable ObjectNode schemaOf(ResolvedType type, SchemaGenerationContext context) {
		Class<?> raw = type.getErasedType();
		if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
			return anyOf(NODES.objectNode().put("type", "number"),
					record("NonFiniteNumber", enumOf("NaN", "Infinity", "-Infinity")));
		}
		if (raw == OptionalInt.class || raw == OptionalLong.class) {
			return anyOf(NODES.objectNode().put("type", "integer"), undefined());
		}
		if (raw == OptionalDouble.class) {
			return anyOf(NODES.objectNode().put("type", "number"), undefined());
		}
		if (raw == Optional.class) {
			return anyOf(reference(type, 0, context), undefined());
		}
		if (raw == RunnerFile.class) {
			return fileSentinel();
		}
		if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
			return NODES.objectNode(); // any value
		}
		if (raw.isPrimitive()) {
			return null;
		}
		// the serializer's own classification: what it writes as a type record, and which record
		String typeId = this.serializer.typeRecordId(raw);
		if (typeId == null) {
			return Map.class.isAssignableFrom(raw) ? map(type, context) : null;
		}
		return switch (typeId) {
			case "Date" -> record(typeId, string().put("format", "date-time"));
			case "BigInt" -> record(typeId, string().put("pattern", "^-?[0-9]+$"));
			case "Uint8Array", "ArrayBuffer" -> record(typeId, arrayOf(NODES.objectNode().put("type", "integer")
				.put("minimum", 0)
				.put("maximum", 255)));
			case "RegExp" -> record(typeId, object(properties("pattern", string(), "flags",
					string().put("pattern", "^[dgimsuvy]*$")), "pattern", "flags"));
			case "URL", "URLSearchParams" -> record(typeId, string());
			case "Symbol" -> record(typeId, object(properties("kind", enumOf("For", "WellKnown"), "key", string()),
					"kind", "key"));
			case "Error" -> record(typeId, object(properties("name", string(), "message", string(), "customFields",
					object(), "stack", string()), "name", "message"));
			case "Undefined" -> undefined();
			case "Map" -> mapRecord(NODES.objectNode(), NODES.objectNode());
			case "Set" -> record(typeId, arrayOf(setItem(type, context)));
			default -> custom(typeId, raw, context);
		};
	}

	private JsonNode setItem(ResolvedType type, SchemaGenerationContext context) {
		List<ResolvedType> parameters = type.typeParametersFor(Collection.class);
		return (parameters == null || parameters.isEmpty()) ? NODES.objectNode()
				: context.createDefinitionReference(parameters.get(0));
	}

	/**
	 * A custom type's record, its payload described by the codec's {@code payloadType()} (any value without one).
	 */
	private ObjectNode custom(String typeId, Class<?> raw, SchemaGenerationContext context) {
		RunnerTypeCodec<?> codec = this.serializer.typeCodec(raw);
		Type payload = (codec != null) ? codec.payloadType() : null;
		return record(typeId, (payload != null)
				? context.createDefinitionReference(context.getTypeContext().resolve(payload)) : NODES.objectNode());
	}

	/**
	 * A map with string keys is a plain object (its values as additional properties); a
	 * map with keys of another type a {@code Map} record; a map whose keys may be anything either.
	 */
	private @Nullable ObjectNode map(ResolvedType type, SchemaGenerationContext context) {
		List<ResolvedType> parameters = type.typeParametersFor(Map.class);
		if (parameters == null || parameters.size() != 2) {
			return anyOf(object(), mapRecord(NODES.objectNode(), NODES.objectNode()));
		}
		Class<?> key = parameters.get(0).getErasedType();
		ObjectNode value = context.createDefinitionReference(parameters.get(1));
		ObjectNode plain = object();
		plain.set("additionalProperties", value);
		if (key == String.class) {
			return plain;
		}
		if (key == Object.class) {
			return anyOf(plain, mapRecord(NODES.objectNode(), context.createDefinitionReference(parameters.get(1))));
		}
		return mapRecord(context.createDefinitionReference(parameters.get(0)), value);
	}

	private static ObjectNode reference(ResolvedType type, int index, SchemaGenerationContext context) {
		List<ResolvedType> parameters = type.getTypeParameters();
		return (parameters.size() > index) ? context.createDefinitionReference(parameters.get(index))
				: NODES.objectNode();
	}

	/** {@code {"__type":"<typeId>","value":<value>}}. */
	static ObjectNode record(String typeId, JsonNode value) {
		return object(properties("__type", NODES.objectNode().put("const", typeId), "value", value), "__type", "value");
	}

	/** The {@code Undefined} record: what {@code undefined} (an empty {@code Optional}, no value) is on the wire. */
	static ObjectNode undefined() {
		return record("Undefined", NODES.objectNode().put("type", "null"));
	}

	/** A file of a multipart input, as the manifest holds it (docs/tunnel-http.md §3.3). */
	static ObjectNode fileSentinel() {
		ObjectNode meta = object();
		meta.set("properties", properties("name", string(), "type", string(), "size",
				NODES.objectNode().put("type", "number"), "lastModified", NODES.objectNode().put("type", "number"),
				"extra", object()));
		return object(properties("$runnerFile", NODES.objectNode().put("const", "File"), "id", string(), "meta", meta),
				"$runnerFile", "id");
	}

	private static ObjectNode mapRecord(JsonNode key, JsonNode value) {
		ObjectNode entry = NODES.objectNode().put("type", "array");
		entry.putArray("prefixItems").add(key).add(value);
		entry.put("minItems", 2).put("maxItems", 2);
		return record("Map", arrayOf(entry));
	}

	static ObjectNode anyOf(JsonNode... schemas) {
		ObjectNode node = NODES.objectNode();
		ArrayNode anyOf = node.putArray("anyOf");
		for (JsonNode schema : schemas) {
			anyOf.add(schema);
		}
		return node;
	}

	private static ObjectNode arrayOf(JsonNode items) {
		ObjectNode array = NODES.objectNode().put("type", "array");
		array.set("items", items);
		return array;
	}

	private static ObjectNode enumOf(String... values) {
		ObjectNode node = NODES.objectNode().put("type", "string");
		ArrayNode array = node.putArray("enum");
		for (String value : values) {
			array.add(value);
		}
		return node;
	}

	private static ObjectNode object() {
		return NODES.objectNode().put("type", "object");
	}

	private static ObjectNode object(ObjectNode properties, String... required) {
		ObjectNode object = object();
		object.set("properties", properties);
		ArrayNode names = object.putArray("required");
		for (String name : required) {
			names.add(name);
		}
		return object;
	}

	/** Properties from name/schema pairs, in order. */
	private static ObjectNode properties(Object... namesAndSchemas) {
		ObjectNode properties = NODES.objectNode();
		for (int i = 0; i < namesAndSchemas.length; i += 2) {
			properties.set((String) namesAndSchemas[i], (JsonNode) namesAndSchemas[i + 1]);
		}
		return properties;
	}

	private static ObjectNode string() {
		return NODES.objectNode().put("type", "string");
	}

}
