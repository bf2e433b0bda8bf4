package dev.runner.spring.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.util.UriUtils;

/**
 * Adds the served tasks and events to springdoc's OpenAPI document (docs/tunnel-http.md §19.3): each task as
 * {@code POST {base-path}/task/{id}} with its {@code {"input": …}} request and {@code {"ok":true,"result": …}}
 * response, each event as {@code POST {base-path}/event/{id}} with {@code {"payload": …}}, both with the protocol's
 * error envelope for the statuses of §4.3 and the token header as an API key. The shared definitions become
 * components named {@code runner.<Type>}, so they never replace the application's own schemas; the schemas are
 * those of {@code BASE/schema} (OpenAPI 3.1 is JSON Schema 2020-12).
 *
 * @since 0.2.0
 */
public final class RunnerOpenApiCustomizer implements OpenApiCustomizer {

	private static final String COMPONENT_PREFIX = "runner.";

	private static final String SECURITY_SCHEME = "runnerToken";

	private static final String ERROR_ENVELOPE = COMPONENT_PREFIX + "ErrorEnvelope";

	private static final Map<String, String> ERRORS = errors();

	private final RunnerContracts contracts;

	private final String basePath;

	private final String tokenHeader;

	/**
	 * Creates the customizer.
	 * @param contracts the schemas
	 * @param basePath the tunnel's base path, {@code /__runner} for example
	 * @param tokenHeader the header that carries the token, {@code x-runner-token} by default
	 */
	public RunnerOpenApiCustomizer(RunnerContracts contracts, String basePath, String tokenHeader) {
		this.contracts = contracts;
		this.basePath = basePath.equals("/") ? "" : basePath;
		this.tokenHeader = tokenHeader;
	}

	private static Map<String, String> errors() {
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put("400", "INVALID_JSON, INVALID_INPUT, INVALID_MULTIPART, MISSING_MANIFEST");
		errors.put("401", "UNAUTHORIZED: no valid token");
		errors.put("403", "FORBIDDEN: not on the allow-list, or refused by a guard");
		errors.put("408", "REQUEST_TIMEOUT: the body came too slowly");
		errors.put("413", "PAYLOAD_TOO_LARGE");
		errors.put("499", "REQUEST_ABORTED");
		errors.put("500", "INTERNAL_ERROR (masked), or a typed error without its own status");
		errors.put("503", "OVERLOADED: the task's concurrency limit is reached");
		errors.put("504", "the task's timeout passed (typed error runner.errors.Timeout)");
		return errors;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		this.contracts.definitions().properties()
			.forEach((entry) -> components.addSchemas(COMPONENT_PREFIX + entry.getKey(), schema(entry.getValue())));
		components.addSchemas(ERROR_ENVELOPE, schema(errorEnvelope()));
		components.addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.HEADER)
			.name(this.tokenHeader)
			.description("A token of runner.auth.tokens"));
		openApi.addTagsItem(new Tag().name("runner tasks").description("Tasks served by the runner tunnel"));
		openApi.addTagsItem(new Tag().name("runner events").description("Events served by the runner tunnel"));
		Paths paths = (openApi.getPaths() != null) ? openApi.getPaths() : new Paths();
		openApi.setPaths(paths);
		JsonNode document = this.contracts.schemas();
		document.path("tasks").properties().forEach((entry) -> paths.addPathItem(path("task", entry.getKey()),
				new PathItem().post(taskOperation(entry.getKey(), entry.getValue()))));
		document.path("events").properties().forEach((entry) -> paths.addPathItem(path("event", entry.getKey()),
				new PathItem().post(eventOperation(entry.getKey(), entry.getValue()))));
	}

	private String path(String kind, String id) {
		return this.basePath + "/" + kind + "/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
	}

	private Operation taskOperation(String id, JsonNode schemas) {
		JsonNode input = schemas.get("input");
		JsonNode result = schemas.get("result");
		Content request = isByteStream(input) ? octetStream()
				: json(envelope("input", input, null));
		Content answer = isByteStream(result) ? octetStream() : json(envelope("result", result, true));
		String description = this.contracts.taskDescription(id);
		return operation("task_", id, "runner tasks", description.isEmpty() ? "Runs the task " + id : description,
				request, answer);
	}

	private Operation eventOperation(String id, JsonNode schemas) {
		ObjectNode answer = WireTypes.NODES.objectNode().put("type", "object");
		answer.putObject("properties").putObject("ok").put("const", true);
		answer.withObjectProperty("properties").set("result", withoutDocumentKeys(schemas.get("payload")));
		answer.putArray("required").add("ok");
		ObjectNode request = envelope("payload", schemas.get("payload"), null);
		request.withObjectProperty("properties").putObject("returnPayload").put("type", "boolean");
		return operation("event_", id, "runner events",
				"Emits the event " + id + "; the answer holds the final payload when the body has returnPayload",
				json(request), json(answer));
	}

	private Operation operation(String prefix, String id, String tag, String summary, Content request,
			Content answer) {
		ApiResponses responses = new ApiResponses().addApiResponse("200",
				new ApiResponse().description("The success envelope").content(answer));
		ERRORS.forEach((status, description) -> responses.addApiResponse(status, new ApiResponse()
			.description(description)
			.content(json(WireTypes.NODES.objectNode().put("$ref", "#/components/schemas/" + ERROR_ENVELOPE)))));
		return new Operation().operationId(prefix + id.replaceAll("[^A-Za-z0-9_]", "_"))
			.summary(summary)
			.addTagsItem(tag)
			.requestBody(new RequestBody().required(true).content(request))
			.responses(responses)
			.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
	}

	private static ObjectNode envelope(String member, JsonNode schema, @Nullable Boolean ok) {
		ObjectNode envelope = WireTypes.NODES.objectNode().put("type", "object");
		ObjectNode properties = envelope.putObject("properties");
		if (ok != null) {
			properties.putObject("ok").put("const", ok);
			envelope.putArray("required").add("ok");
		}
		properties.set(member, withoutDocumentKeys(schema));
		return envelope;
	}

	private static boolean isByteStream(JsonNode schema) {
		return schema.has("contentMediaType") && !schema.has("type");
	}

	private static Content octetStream() {
		return new Content().addMediaType("application/octet-stream",
				new MediaType().schema(new Schema<>().type("string").format("binary")));
	}

	private static Content json(ObjectNode schema) {
		return new Content().addMediaType("application/json", new MediaType().schema(schema(schema)));
	}

	/**
	 * A schema without the keys of a standalone document ({@code $schema}, {@code $defs}, which are components here).
	 */
	private static JsonNode withoutDocumentKeys(JsonNode schema) {
		ObjectNode copy = (ObjectNode) schema.deepCopy();
		copy.remove("$schema");
		copy.remove(RunnerSchemaGenerator.DEFINITIONS);
		return copy;
	}

	private static ObjectNode errorEnvelope() {
		ObjectNode envelope = WireTypes.NODES.objectNode().put("type", "object");
		ObjectNode properties = envelope.putObject("properties");
		properties.putObject("ok").put("const", false);
		ObjectNode error = properties.putObject("error").put("type", "object");
		ObjectNode fields = error.putObject("properties");
		fields.putObject("message").put("type", "string");
		fields.putObject("code").put("type", "string");
		fields.putObject("id").put("type", "string").put("description", "the typed error's id");
		fields.putObject("data").put("description", "the typed error's data");
		fields.putObject("httpCode").put("type", "integer");
		error.putArray("required").add("message").add("code");
		envelope.putArray("required").add("ok").add("error");
		return envelope;
	}

	/**
	 * Converts a JSON Schema into swagger's model, with references to the shared definitions made references to
	 * components.
	 */
	private static Schema<?> schema(JsonNode schema) {
		String json = schema.toString().replace("\"#/" + RunnerSchemaGenerator.DEFINITIONS + "/",
				"\"#/components/schemas/" + COMPONENT_PREFIX);
		try {
			return Json31.mapper().readValue(json, Schema.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot convert a runner schema to OpenAPI: " + json, ex);
		}
	}

}
