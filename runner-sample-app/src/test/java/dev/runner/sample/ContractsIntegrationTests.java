package dev.runner.sample;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's published contracts against what it really does: the sample's tasks are called over HTTP with
 * the bodies the official clients send, each request and each answer is recorded, and every recorded input and
 * result must match the schema {@code GET /__runner/schema} gives for it; the OpenAPI document (springdoc) lists the
 * tasks and events with those schemas, and Swagger UI is served.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "runner.auth.tokens=test-token")
@AutoConfigureWebTestClient
class ContractsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final String UNDEFINED = "{\"__type\":\"Undefined\",\"value\":null}";

	@Autowired
	private WebTestClient client;

	@Autowired
	private NoteStore store;

	private final List<String[]> recorded = new ArrayList<>();

	@BeforeEach
	void emptyStore() {
		this.store.clear();
	}

	@Test
	void recordedCallsOfTheSampleTasksMatchTheirSchemas() {
		String id = JSON.readTree(call("notes.create", "{\"title\":\"Buy milk\",\"body\":null,"
				+ "\"tags\":{\"__type\":\"Set\",\"value\":[\"home\"]},"
				+ "\"remindAt\":{\"__type\":\"Date\",\"value\":\"2030-01-02T03:04:05.000Z\"}}"))
			.path("result").path("id").asString();
		call("notes.create", "{\"title\":\"Only a title\"}");
		call("notes.get", "\"" + id + "\"");
		call("notes.list", UNDEFINED);
		call("notes.count", UNDEFINED);
		call("notes.tagIndex", UNDEFINED);
		call("notes.stats", UNDEFINED);
		call("notes.addTax", "{\"__type\":\"Price\",\"value\":{\"amount\":10.5,\"currency\":\"EUR\"}}");
		call("notes.echo", "{\"any\":[1,\"thing\"]}");
		call("notes.slowEcho", "\"hi\"");
		call("files.list", UNDEFINED);
		JsonNode tasks = schemas().path("tasks");
		assertThat(this.recorded).hasSize(11);
		for (String[] exchange : this.recorded) {
			JsonNode request = JSON.readTree(exchange[1]);
			JsonNode answer = JSON.readTree(exchange[2]);
			assertValid(exchange[0] + " input", tasks.path(exchange[0]).path("input"), request.path("input"));
			assertValid(exchange[0] + " result", tasks.path(exchange[0]).path("result"),
					answer.has("result") ? answer.get("result") : JSON.readTree(UNDEFINED));
		}
		JsonNode payload = schemas().path("events").path("notes.events.created").path("payload");
		assertValid("notes.events.created payload", payload, JSON.readTree("{\"id\":\"n1\"}"));
	}

	@Test
	void schemasRefuseWhatTheSampleRefuses() {
		JsonNode input = schemas().path("tasks").path("notes.create").path("input");
		assertThat(errors(input, JSON.readTree("{\"title\":\"\"}"))).isNotEmpty();
		assertThat(errors(input, JSON.readTree("{\"body\":\"no title\"}"))).isNotEmpty();
		this.client.post()
			.uri("/__runner/task/notes.create")
			.header("x-runner-token", "test-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"input\":{\"title\":\"\"}}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("INVALID_INPUT");
	}

	@Test
	void openApiDocumentListsTheTasksAndEvents() {
		JsonNode document = JSON.readTree(ok(this.client.get().uri("/v3/api-docs")));
		assertThat(document.path("openapi").asString()).startsWith("3.1");
		JsonNode create = document.path("paths").path("/__runner/task/notes.create").path("post");
		assertThat(create.path("tags").toString()).contains("runner tasks");
		assertThat(create.path("summary").asString()).isEqualTo("stores a note");
		JsonNode request = create.path("requestBody").path("content").path("application/json").path("schema");
		assertThat(request.path("properties").path("input").path("$ref").asString())
			.isEqualTo("#/components/schemas/runner.NewNote");
		JsonNode ok = create.path("responses").path("200").path("content").path("application/json").path("schema");
		assertThat(ok.path("properties").path("ok").path("const").asBoolean()).isTrue();
		assertThat(ok.path("properties").path("result").path("$ref").asString())
			.isEqualTo("#/components/schemas/runner.Note");
		assertThat(create.path("responses").propertyNames()).contains("200", "400", "401", "403", "413", "500");
		assertThat(create.path("security").toString()).contains("runnerToken");
		JsonNode components = document.path("components");
		assertThat(components.path("schemas").path("runner.Note").path("properties").path("createdAt")
			.path("properties").path("__type").path("const").asString()).isEqualTo("Date");
		assertThat(components.path("securitySchemes").path("runnerToken").path("name").asString())
			.isEqualTo("x-runner-token");
		assertThat(document.path("paths").path("/__runner/task/files.upper").path("post").path("requestBody")
			.path("content").has("application/octet-stream")).isTrue();
		assertThat(document.path("paths").path("/__runner/event/notes.events.created").path("post").isObject()).isTrue();
		assertThat(document.path("paths").path("/__runner/task/notes.reset").isMissingNode()).isFalse();
		this.client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection().expectBody().returnResult();
	}

	private String call(String id, String input) {
		String body = "{\"input\":" + input + "}";
		byte[] answer = ok(this.client.post()
			.uri("/__runner/task/" + id)
			.header("x-runner-token", "test-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body));
		String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
		this.recorded.add(new String[] { id, body, text });
		return text;
	}

	private JsonNode schemas() {
		return JSON.readTree(ok(this.client.get().uri("/__runner/schema").header("x-runner-token", "test-token")))
			.path("result");
	}

	private static byte[] ok(WebTestClient.RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
	}

	private static void assertValid(String what, JsonNode schema, JsonNode value) {
		assertThat(errors(schema, value)).as(what + ": " + value).isEmpty();
	}

	private static List<com.networknt.schema.Error> errors(JsonNode schema, JsonNode value) {
		return SCHEMAS.getSchema(schema.toString()).validate(value);
	}

}
