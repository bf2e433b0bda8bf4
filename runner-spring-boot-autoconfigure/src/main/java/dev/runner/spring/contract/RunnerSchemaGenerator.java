package dev.runner.spring.contract;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.DefinitionKey;
import com.github.victools.jsonschema.generator.naming.SchemaDefinitionNamingStrategy;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.ClassUtils;

import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Generates the JSON Schemas (2020-12) of the wire JSON of Java types with victools' generator, its Jackson module
 * (property names, {@code @JsonIgnore}) and, when Bean Validation is present, its Jakarta Validation module
 * ({@code @Min}, {@code @Size}, {@code @Pattern}...). {@link WireTypes} describes the runner value format's records;
 * JSpecify's {@code @Nullable} adds {@code null}; every property is required but an {@code Optional} (absent when
 * empty) and a {@code @Nullable} one (a caller may leave it out: the handler sees {@code null}). Each object
 * type (a record, a POJO) is one named definition, shared by every schema of one generation; each schema comes out
 * self-contained, with the definitions it refers to under its own {@code $defs}.
 */
final class RunnerSchemaGenerator {

	static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

	static final String DEFINITIONS = "$defs";

	private static final String REFERENCE_PREFIX = "#/" + DEFINITIONS + "/";

	private static final boolean VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.constraints.NotNull",
			RunnerSchemaGenerator.class.getClassLoader());

	private final SchemaGenerator generator;

	RunnerSchemaGenerator(RunnerSerializer serializer) {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				new OptionPreset(Option.ADDITIONAL_FIXED_TYPES, Option.STANDARD_FORMATS, Option.FLATTENED_ENUMS,
						Option.PUBLIC_NONSTATIC_FIELDS, Option.NONPUBLIC_NONSTATIC_FIELDS_WITH_GETTERS,
						Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS,
						Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.ALLOF_CLEANUP_AT_THE_END,
						Option.DUPLICATE_MEMBER_ATTRIBUTE_CLEANUP_AT_THE_END));
		builder.forTypesInGeneral()
			.withCustomDefinitionProvider(new WireTypes(serializer))
			.withDefinitionNamingStrategy(new Names());
		builder.forFields()
			.withIgnoreCheck(RunnerSchemaGenerator::notSerialized)
			.withNullableCheck((field) -> isNullable(field) ? Boolean.TRUE : null)
			.withRequiredCheck((field) -> !isOptional(field.getDeclaredType().getErasedType()) && !isNullable(field));
		builder.with(new JacksonSchemaModule());
		if (VALIDATION_PRESENT) {
			builder.with(new JakartaValidationModule(JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
		}
		this.generator = new SchemaGenerator(builder.build());
	}

	/**
	 * Generates the schemas of several types in one pass, so that a type they share is one definition.
	 * @param types the types by key, in the order wanted
	 * @return the self-contained schema of each key, and every definition
	 */
	Schemas generate(Map<String, Type> types) {
		SchemaBuilder builder = this.generator.buildMultipleSchemaDefinitions();
		Map<String, ObjectNode> references = new LinkedHashMap<>();
		types.forEach((key, type) -> references.put(key, builder.createSchemaReference(type)));
		ObjectNode definitions = builder.collectDefinitions(DEFINITIONS);
		Map<String, ObjectNode> schemas = new LinkedHashMap<>();
		references.forEach((key, reference) -> schemas.put(key, selfContained(reference, definitions)));
		return new Schemas(schemas, definitions);
	}

	/**
	 * Returns a copy of the schema with {@code $schema} and the definitions it refers to, directly or not.
	 */
	static ObjectNode selfContained(JsonNode schema, ObjectNode definitions) {
		ObjectNode document = WireTypes.NODES.objectNode().put("$schema", DIALECT);
		document.setAll((ObjectNode) schema.deepCopy());
		Map<String, JsonNode> used = new TreeMap<>();
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.add(schema);
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			String name = definitionName(node);
			if (name != null && !used.containsKey(name) && definitions.has(name)) {
				used.put(name, definitions.get(name));
				pending.add(definitions.get(name));
			}
			node.forEach(pending::add);
		}
		if (!used.isEmpty()) {
			document.putObject(DEFINITIONS).setAll(used);
		}
		return document;
	}

	/**
	 * Returns the definition a {@code $ref} node names, or {@code null} for any other node.
	 */
	static @Nullable String definitionName(JsonNode node) {
		JsonNode reference = node.isObject() ? node.get("$ref") : null;
		if (reference == null || !reference.isString() || !reference.asString().startsWith(REFERENCE_PREFIX)) {
			return null;
		}
		return reference.asString().substring(REFERENCE_PREFIX.length());
	}

	/**
	 * A private field Jackson does not see: neither a record component nor a field with a getter.
	 */
	private static boolean notSerialized(FieldScope field) {
		Field raw = field.getRawMember();
		return field.isPrivate() && !raw.getDeclaringClass().isRecord() && !field.hasGetter()
				&& raw.getDeclaredAnnotations().length == 0;
	}

	private static boolean isNullable(FieldScope field) {
		if (field.isFakeContainerItemScope()) {
			return false;
		}
		Field raw = field.getRawMember();
		return hasNullable(raw.getAnnotatedType()) || hasNullable(raw); // a type-use annotation (JSpecify's), or not
	}

	private static boolean hasNullable(AnnotatedElement element) {
		for (java.lang.annotation.Annotation annotation : element.getAnnotations()) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		return false;
	}

	static boolean isOptional(Class<?> type) {
		return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
				|| type == OptionalDouble.class;
	}

	/**
	 * The schemas of one generation.
	 *
	 * @param schemas the self-contained schema of each key
	 * @param definitions every definition, by name
	 */
	record Schemas(Map<String, ObjectNode> schemas, ObjectNode definitions) {

	}

	/**
	 * Definition names that are TypeScript identifiers: a type's simple name, type arguments joined with
	 * {@code Of} and {@code And} ({@code PageOfNote}), a number added to names two types share.
	 */
	private static final class Names implements SchemaDefinitionNamingStrategy {

		@Override
		public String getDefinitionNameForKey(DefinitionKey key, SchemaGenerationContext context) {
			return name(key.getType());
		}

		private static String name(ResolvedType type) {
			Class<?> raw = type.getErasedType();
			StringBuilder name = new StringBuilder(raw.isArray() ? "ArrayOf" + name(type.getArrayElementType())
					: raw.getSimpleName().replaceAll("[^A-Za-z0-9_$]", "_"));
			List<ResolvedType> parameters = type.getTypeParameters();
			for (int i = 0; i < parameters.size(); i++) {
				name.append((i == 0) ? "Of" : "And").append(name(parameters.get(i)));
			}
			return name.toString();
		}

		@Override
		public void adjustDuplicateNames(Map<DefinitionKey, String> duplicates, SchemaGenerationContext context) {
			int index = 1;
			for (Map.Entry<DefinitionKey, String> entry : duplicates.entrySet()) {
				entry.setValue(entry.getValue() + ((index == 1) ? "" : "_" + index));
				index++;
			}
		}

		@Override
		public String adjustNullableName(DefinitionKey key, String name, SchemaGenerationContext context) {
			return name + "OrNull";
		}

	}

}
