package dev.runner.spring.contract;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

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
import dev.runner.spring.serializer.JsError;
import dev.runner.spring.serializer.JsMap;
import dev.runner.spring.serializer.JsRegExp;
import dev.runner.spring.serializer.JsSymbol;
import dev.runner.spring.serializer.JsUndefined;
import dev.runner.spring.serializer.JsUrl;
import dev.runner.spring.serializer.JsUrlSearchParams;
import dev.runner.spring.serializer.RunnerTypeCodec;

/**
 * The schemas of the Java types that the runner serializer writes as something else than Jackson would
 * (docs/serializer.md §9.2): dates, bigints, sets, maps with other than string keys, bytes, RegExps, URLs, non-finite
 * numbers, {@code Optional}s (an empty one is {@code undefined}), files and the application's custom types, each as
 * its type record {@code {"__type":"<id>","value":…}}. Every other type is left to victools' standard definitions.
 * A type record's schema always has a {@code const} {@code __type}, which is how {@link TypeScriptDeclarations}
 * recognises it.
 */
final class WireTypes implements CustomDefinitionProviderV2 {

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Map<Class<?>, RunnerTypeCodec<?>> codecs;

	WireTypes(Map<Class<?>, RunnerTypeCodec<?>> codecs) {
		this.codecs = codecs;
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
		if (raw == Instant.class || Date.class.isAssignableFrom(raw) || raw == OffsetDateTime.class
				|| raw == ZonedDateTime.class || Calendar.class.isAssignableFrom(raw)) {
			return record("Date", string().put("format", "date-time"));
		}
		if (raw == BigInteger.class) {
			return record("BigInt", string().put("pattern", "^-?[0-9]+$"));
		}
		if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
			return anyOf(NODES.objectNode().put("type", "number"),
					record("NonFiniteNumber", enumOf("NaN", "Infinity", "-Infinity")));
		}
		if (raw == byte[].class) {
			return record("Uint8Array", arrayOf(NODES.objectNode().put("type", "integer").put("minimum", 0)
				.put("maximum", 255)));
		}
		if (raw == ByteBuffer.class) {
			return record("ArrayBuffer", arrayOf(NODES.objectNode().put("type", "integer").put("minimum", 0)
				.put("maximum", 255)));
		}
		if (raw == Pattern.class || raw == JsRegExp.class) {
			ObjectNode value = object();
			value.putObject("properties").set("pattern", string());
			((ObjectNode) value.get("properties")).set("flags", string().put("pattern", "^[dgimsuvy]*$"));
			value.putArray("required").add("pattern").add("flags");
			return record("RegExp", value);
		}
		if (raw == URI.class || raw == URL.class || raw == JsUrl.class) {
			return record("URL", string());
		}
		if (raw == JsUrlSearchParams.class) {
			return record("URLSearchParams", string());
		}
		if (raw == JsSymbol.class) {
			ObjectNode value = object();
			ObjectNode properties = value.putObject("properties");
			properties.set("kind", enumOf("For", "WellKnown"));
			properties.set("key", string());
			value.putArray("required").add("kind").add("key");
			return record("Symbol", value);
		}
		if (Throwable.class.isAssignableFrom(raw) || raw == JsError.class) {
			ObjectNode value = object();
			ObjectNode properties = value.putObject("properties");
			properties.set("name", string());
			properties.set("message", string());
			properties.set("customFields", object());
			properties.set("stack", string());
			value.putArray("required").add("name").add("message");
			return record("Error", value);
		}
		if (raw == JsUndefined.class) {
			return undefined();
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
		if (raw == JsMap.class) {
			return mapRecord(NODES.objectNode(), NODES.objectNode());
		}
		if (Map.class.isAssignableFrom(raw)) {
			return map(type, context);
		}
		if (Set.class.isAssignableFrom(raw)) {
			List<ResolvedType> parameters = type.typeParametersFor(Collection.class);
			JsonNode item = (parameters == null || parameters.isEmpty()) ? NODES.objectNode()
					: context.createDefinitionReference(parameters.get(0));
			return record("Set", arrayOf(item));
		}
		RunnerTypeCodec<?> codec = codecOf(raw);
		if (codec != null) {
			Type payload = codec.payloadType();
			return record(codec.typeId(), (payload != null)
					? context.createDefinitionReference(context.getTypeContext().resolve(payload)) : NODES.objectNode());
		}
		if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
			return NODES.objectNode(); // any value
		}
		return null;
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

	private @Nullable RunnerTypeCodec<?> codecOf(Class<?> raw) {
		for (Class<?> type = raw; type != null && type != Object.class; type = type.getSuperclass()) {
			RunnerTypeCodec<?> codec = this.codecs.get(type);
			if (codec != null) {
				return codec;
			}
		}
		return null;
	}

	private static ObjectNode reference(ResolvedType type, int index, SchemaGenerationContext context) {
		List<ResolvedType> parameters = type.getTypeParameters();
		return (parameters.size() > index) ? context.createDefinitionReference(parameters.get(index))
				: NODES.objectNode();
	}

	/** {@code {"__type":"<typeId>","value":<value>}}. */
	static ObjectNode record(String typeId, JsonNode value) {
		ObjectNode record = object();
		ObjectNode properties = record.putObject("properties");
		properties.putObject("__type").put("const", typeId);
		properties.set("value", value);
		record.putArray("required").add("__type").add("value");
		return record;
	}

	/** The {@code Undefined} record: what {@code undefined} (an empty {@code Optional}, no value) is on the wire. */
	static ObjectNode undefined() {
		return record("Undefined", NODES.objectNode().put("type", "null"));
	}

	/** A file of a multipart input, as the manifest holds it (docs/tunnel-http.md §3.3). */
	static ObjectNode fileSentinel() {
		ObjectNode sentinel = object();
		ObjectNode properties = sentinel.putObject("properties");
		properties.putObject("$runnerFile").put("const", "File");
		properties.set("id", string());
		ObjectNode meta = object();
		ObjectNode metaProperties = meta.putObject("properties");
		metaProperties.set("name", string());
		metaProperties.set("type", string());
		metaProperties.putObject("size").put("type", "number");
		metaProperties.putObject("lastModified").put("type", "number");
		metaProperties.set("extra", object());
		properties.set("meta", meta);
		sentinel.putArray("required").add("$runnerFile").add("id");
		return sentinel;
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

	private static ObjectNode string() {
		return NODES.objectNode().put("type", "string");
	}

}
