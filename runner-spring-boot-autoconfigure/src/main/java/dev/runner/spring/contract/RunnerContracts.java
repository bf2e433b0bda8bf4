package dev.runner.spring.contract;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.ResolvableType;
import org.springframework.util.function.SingletonSupplier;

import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.EventListenerDescriptor;
import dev.runner.spring.core.HandlerInvoker;
import dev.runner.spring.core.RunnerExposure;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The published contracts of the tasks and events the tunnel serves (docs/tunnel-http.md §19), generated once from
 * the handlers' Java types: the JSON Schema document of {@code BASE/schema}, the TypeScript declarations of
 * {@code BASE/types.d.ts}, and the same schemas for the actuator endpoint and the OpenAPI document.
 * <p>
 * A task's input is its input parameter's type ({@code {}}, any value, when it takes none; a byte stream when it
 * reads only the raw body); its result is the value its return type gives ({@code Mono<T>} gives {@code T},
 * {@code Flux<T>} an array of {@code T}, {@code void} {@code undefined}, {@code Flux<DataBuffer>} a byte stream). An
 * event's payload is its first listener's input type (any value for an event without listeners).
 *
 * @since 0.2.0
 */
public final class RunnerContracts {

	private static final Log logger = LogFactory.getLog(RunnerContracts.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Supplier<Generated> generated;

	/**
	 * Creates the contracts; they are generated on {@link #generate()} or on first use, after the registry is frozen.
	 * @param registry the tasks and events
	 * @param exposure which of them the tunnel serves: the only ones described
	 * @param serializer the runner serializer, whose classification of Java types (and custom types) the schemas
	 * follow
	 */
	public RunnerContracts(RunnerRegistry registry, RunnerExposure exposure, RunnerSerializer serializer) {
		this.generated = SingletonSupplier.of(() -> {
			try {
				return generate(registry, exposure, serializer);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Cannot generate the contracts of the runner tasks and events ("
						+ ex.getMessage() + "); runner.schema.enabled=false turns them off", ex);
			}
		});
	}

	/**
	 * Generates the contracts now, if not done yet (at start-up, so the first request does not wait for it).
	 * @throws IllegalStateException if a type cannot be described
	 */
	public void generate() {
		this.generated.get();
	}

	/**
	 * Returns the schema document: {@code {"tasks":{"<id>":{"input":…,"result":…}},"events":{"<id>":{"payload":…}}}},
	 * each schema a self-contained JSON Schema 2020-12 of the wire JSON, with the definitions it uses under
	 * {@code $defs}.
	 * @return the document, not to be modified
	 */
	public JsonNode schemas() {
		return this.generated.get().document();
	}

	/**
	 * Returns every named definition the schemas use (records and POJOs, by TypeScript-safe name).
	 * @return the definitions, not to be modified
	 */
	public ObjectNode definitions() {
		return this.generated.get().definitions();
	}

	/**
	 * Returns the answer of {@code BASE/schema}: {@code {"ok":true,"result":<schemas>}} in UTF-8, plain JSON.
	 * @return the bytes, not to be modified
	 */
	public byte[] schemaAnswer() {
		return this.generated.get().schemaAnswer();
	}

	/**
	 * Returns the description of a described task ({@code @RunnerTask(description)}).
	 * @param id the task id
	 * @return the description, empty when the task has none or is not described
	 */
	public String taskDescription(String id) {
		return this.generated.get().descriptions().getOrDefault(id, "");
	}

	/**
	 * Returns the TypeScript declarations of {@code BASE/types.d.ts}, an ES module.
	 * @return the declarations
	 */
	public String typeDeclarations() {
		return this.generated.get().typeDeclarations();
	}

	/**
	 * Returns the declarations in UTF-8.
	 * @return the bytes, not to be modified
	 */
	public byte[] typeDeclarationsAnswer() {
		return this.generated.get().typeDeclarationsAnswer();
	}

	private static Generated generate(RunnerRegistry registry, RunnerExposure exposure,
			RunnerSerializer serializer) {
		long start = System.nanoTime();
		Map<String, Type> types = new LinkedHashMap<>();
		Map<String, JsonNode> fixed = new LinkedHashMap<>();
		for (String id : exposure.taskIds()) {
			TaskDescriptor task = registry.task(id);
			if (task != null) {
				HandlerInvoker invoker = task.invoker();
				// a handler with an input parameter and the raw body takes both modes: the JSON one is described
				Type input = invoker.inputType();
				root(types, fixed, taskKey(id, "input"), (input != null && invoker.isInputOptional())
						? optional(input) : input,
						invoker.readsBody() ? byteStream("the request body, application/octet-stream") : any());
				Type result = invoker.resultType();
				root(types, fixed, taskKey(id, "result"), (result == void.class) ? null : nonStream(result),
						(result == void.class) ? withSchema(WireTypes.undefined())
								: byteStream("a streamed answer, application/octet-stream"));
			}
		}
		for (String id : exposure.eventIds()) {
			EventDescriptor event = registry.event(id);
			Type payload = (event != null) ? payloadType(event) : null;
			root(types, fixed, "event:" + id, payload, any());
		}
		RunnerSchemaGenerator.Schemas generated = new RunnerSchemaGenerator(serializer).generate(types);
		Map<String, JsonNode> schemas = new LinkedHashMap<>(fixed);
		schemas.putAll(generated.schemas());
		ObjectNode document = WireTypes.NODES.objectNode();
		ObjectNode tasks = document.putObject("tasks");
		Map<String, TypeScriptDeclarations.TaskSchemas> taskSchemas = new LinkedHashMap<>();
		for (String id : exposure.taskIds()) {
			JsonNode input = schemas.get(taskKey(id, "input"));
			JsonNode result = schemas.get(taskKey(id, "result"));
			TaskDescriptor descriptor = registry.task(id);
			if (input != null && result != null && descriptor != null) {
				ObjectNode task = tasks.putObject(id);
				task.set("input", input);
				task.set("result", result);
				taskSchemas.put(id, new TypeScriptDeclarations.TaskSchemas(input, result, descriptor.description()));
			}
		}
		ObjectNode events = document.putObject("events");
		Map<String, JsonNode> payloads = new LinkedHashMap<>();
		for (String id : exposure.eventIds()) {
			JsonNode payload = schemas.get("event:" + id);
			if (payload != null) {
				events.putObject(id).set("payload", payload);
				payloads.put(id, payload);
			}
		}
		String declarations = TypeScriptDeclarations.write(generated.definitions(), taskSchemas, payloads);
		ObjectNode answer = WireTypes.NODES.objectNode().put("ok", true);
		answer.set("result", document);
		Map<String, String> descriptions = new LinkedHashMap<>();
		taskSchemas.forEach((id, task) -> descriptions.put(id, task.description()));
		Generated contracts = new Generated(document, generated.definitions(), JSON.writeValueAsBytes(answer),
				declarations, declarations.getBytes(StandardCharsets.UTF_8), descriptions);
		if (logger.isDebugEnabled()) {
			logger.debug("Generated the contracts of " + taskSchemas.size() + " tasks and " + payloads.size()
					+ " events (" + generated.definitions().size() + " types) in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms");
		}
		return contracts;
	}

	private static void root(Map<String, Type> types, Map<String, JsonNode> fixed, String key, @Nullable Type type,
			JsonNode otherwise) {
		if (type != null) {
			types.put(key, type);
		}
		else {
			fixed.put(key, otherwise);
		}
	}

	private static Type optional(Type type) {
		return ResolvableType.forClassWithGenerics(Optional.class, ResolvableType.forType(type)).getType();
	}

	private static @Nullable Type nonStream(Type result) {
		return (result == RunnerStreamResponse.class) ? null : result;
	}

	private static @Nullable Type payloadType(EventDescriptor event) {
		for (List<EventListenerDescriptor> listeners : List.of(event.listeners(), event.asyncListeners())) {
			for (EventListenerDescriptor listener : listeners) {
				Type type = listener.invoker().inputType();
				if (type != null) {
					return type;
				}
			}
		}
		return null;
	}

	private static String taskKey(String id, String part) {
		return "task:" + id + ":" + part;
	}

	private static JsonNode any() {
		return withSchema(WireTypes.NODES.objectNode());
	}

	private static JsonNode byteStream(String description) {
		return withSchema(WireTypes.NODES.objectNode()
			.put("contentMediaType", "application/octet-stream")
			.put("description", description));
	}

	private static ObjectNode withSchema(ObjectNode schema) {
		ObjectNode document = WireTypes.NODES.objectNode().put("$schema", RunnerSchemaGenerator.DIALECT);
		document.setAll(schema);
		return document;
	}

	private record Generated(JsonNode document, ObjectNode definitions, byte[] schemaAnswer, String typeDeclarations,
			byte[] typeDeclarationsAnswer, Map<String, String> descriptions) {

	}

}
