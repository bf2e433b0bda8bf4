package dev.runner.spring.contract;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts of {@link ContractKinds}, fetched from a real server and checked against what that server really
 * accepts and answers: each request body sent and each answer received is validated against the schema published
 * for it, and values the schema refuses are refused by the server too.
 */
class ContractIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final String EVERYTHING = """
			{"title":"Groceries","stars":3,"note":null,"maybe":"x","status":"OPEN",
			"at":{"__type":"Date","value":"2026-01-02T03:04:05.000Z"},"day":"2026-01-02",
			"big":{"__type":"BigInt","value":"123456789012345678901234567890"},"ratio":0.5,
			"tags":{"__type":"Set","value":[{"name":"a"},{"name":"b"}]},"counts":{"a":1},
			"byId":{"__type":"Map","value":[[1,{"name":"one"}]]},"bytes":{"__type":"Uint8Array","value":[1,2,255]},
			"pattern":{"__type":"RegExp","value":{"pattern":"^a+$","flags":"i"}},"list":[{"name":"l"}],
			"page":{"items":[{"name":"p"}],"total":1},"slug":"abc",
			"price":{"__type":"Money","value":{"cents":150,"currency":"EUR"}},"due":null,"anything":{"free":[1,"form"]}}""";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ContractKinds.class, "runner.auth.tokens=secret")
		.silencingExpectedFailures();

	@Test
	void schemaIsPlainJsonBehindTheToken() {
		assertThat(server.request("GET", "/__runner/schema", null).status()).isEqualTo(401);
		assertThat(server.request("POST", "/__runner/schema", "{}", TunnelServer.H).status()).isEqualTo(405);
		Reply reply = server.request("GET", "/__runner/schema", null, "x-runner-token", "secret");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("content-type")).isEqualTo("application/json");
		assertThat(reply.header("x-runner-request-id")).isNotBlank();
		JsonNode document = JSON.readTree(reply.body());
		assertThat(document.get("ok").asBoolean()).isTrue();
		assertThat(document.path("result").path("tasks").propertyNames()).containsExactlyInAnyOrder("kinds.echo",
				"kinds.tags", "kinds.nothing", "kinds.maybe", "kinds.bytes", "kinds.upload");
		assertThat(document.path("result").path("events").propertyNames()).containsExactly("kinds.tagged");
		assertThat(document.path("result").path("tasks").path("kinds.echo").path("input").path("$schema").asString())
			.isEqualTo("https://json-schema.org/draft/2020-12/schema");
	}

	@Test
	void recordedRequestsAndAnswersMatchTheirSchemas() {
		JsonNode tasks = schemas().path("tasks");
		exchange(tasks, "kinds.echo", EVERYTHING);
		exchange(tasks, "kinds.tags", "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"total\":2}");
		exchange(tasks, "kinds.nothing", "{\"__type\":\"Undefined\",\"value\":null}");
		exchange(tasks, "kinds.maybe", "\"x\"");
		exchange(tasks, "kinds.maybe", "{\"__type\":\"Undefined\",\"value\":null}");
		JsonNode payload = schemas().path("events").path("kinds.tagged").path("payload");
		String event = "{\"name\":\"t\"}";
		assertValid(payload, JSON.readTree(event));
		Reply reply = server.post("/__runner/event/kinds.tagged", "{\"payload\":" + event + "}");
		assertThat(reply.status()).isEqualTo(200);
	}

	@Test
	void everyKindOfTypeIsDescribedAsItTravels() {
		JsonNode definitions = schemas().path("tasks").path("kinds.echo").path("input").path("$defs");
		JsonNode properties = definitions.path("Everything").path("properties");
		assertThat(definitions.path("Everything").path("required").toString()).doesNotContain("\"maybe\"", "\"note\"")
			.contains("\"title\"", "\"price\"");
		assertThat(properties.path("title").path("minLength").asInt()).isEqualTo(1);
		assertThat(properties.path("title").path("maxLength").asInt()).isEqualTo(20);
		assertThat(properties.path("stars").path("maximum").asInt()).isEqualTo(5);
		assertThat(properties.path("slug").path("pattern").asString()).isEqualTo("^[a-z]+$");
		assertThat(properties.path("note").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
		assertThat(properties.path("at").path("properties").path("__type").path("const").asString()).isEqualTo("Date");
		assertThat(properties.path("price").path("properties").path("value").path("$ref").asString())
			.isEqualTo("#/$defs/MoneyPayload");
		assertThat(definitions.path("Status").path("enum").toString()).isEqualTo("[\"OPEN\",\"DONE\"]");
		assertThat(definitions.has("PageOfTag")).isTrue();
		JsonNode tasks = schemas().path("tasks");
		assertThat(tasks.path("kinds.tags").path("result").path("type").asString()).isEqualTo("array");
		assertThat(tasks.path("kinds.bytes").path("result").path("contentMediaType").asString())
			.isEqualTo("application/octet-stream");
		assertThat(tasks.path("kinds.upload").path("input").path("$defs").path("Upload").path("properties")
			.path("file").path("properties").path("$runnerFile").path("const").asString()).isEqualTo("File");
	}

	@Test
	void whatTheSchemaRefusesTheServerRefusesToo() {
		JsonNode input = schemas().path("tasks").path("kinds.echo").path("input");
		for (String[] change : new String[][] { { "\"stars\":3", "\"stars\":9" }, { "\"title\":\"Groceries\"", "\"title\":\"\"" },
				{ "\"slug\":\"abc\"", "\"slug\":\"ABC\"" },
				{ "{\"__type\":\"Date\",\"value\":\"2026-01-02T03:04:05.000Z\"}", "\"2026-01-02\"" } }) {
			String body = EVERYTHING.replace(change[0], change[1]);
			assertThat(body).isNotEqualTo(EVERYTHING);
			assertThat(errors(input, JSON.readTree(body))).as(change[1]).isNotEmpty();
			Reply reply = server.post("/__runner/task/kinds.echo", "{\"input\":" + body + "}");
			assertThat(reply.status()).as(change[1]).isEqualTo(400);
		}
	}

	@Test
	void typeDeclarationsAreTheJavaScriptView() {
		assertThat(server.request("GET", "/__runner/types.d.ts", null).status()).isEqualTo(401);
		Reply reply = server.request("GET", "/__runner/types.d.ts", null, "x-runner-token", "secret");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("content-type")).isEqualTo("application/typescript; charset=utf-8");
		assertThat(reply.text()).contains("export interface Everything {", "  at: Date;", "  big: bigint;",
				"  tags: Set<Tag>;", "  byId: Map<number, Tag>;", "  note?: string | null;",
				"  maybe?: string | undefined;", "  bytes: Uint8Array;", "  pattern: RegExp;", "  status: Status;",
				"  price: MoneyValue;", "  due?: Date | null;", "  ratio: number;", "  counts: Record<string, number>;",
				"export type Status = \"OPEN\" | \"DONE\";", "export interface PageOfTag {",
				"export interface RunnerFileInput {", "  file: RunnerFileInput;",
				"\"kinds.echo\": { input: Everything; result: Everything };",
				"\"kinds.tags\": { input: PageOfTag; result: Tag[] };",
				"\"kinds.nothing\": { input: unknown; result: undefined };",
				"\"kinds.maybe\": { input: string | undefined; result: Tag | undefined };",
				"\"kinds.bytes\": { input: unknown; result: unknown };",
				"\"kinds.tagged\": { payload: Tag };")
			.doesNotContain("kinds.hidden");
	}

	private static JsonNode schemas() {
		Reply reply = server.request("GET", "/__runner/schema", null, "x-runner-token", "secret");
		return JSON.readTree(reply.body()).path("result");
	}

	/**
	 * Sends the input to the task; the request's input and the answer's result must match their schemas.
	 */
	private static void exchange(JsonNode tasks, String id, String input) {
		assertValid(tasks.path(id).path("input"), JSON.readTree(input));
		Reply reply = server.post("/__runner/task/" + id, "{\"input\":" + input + "}");
		assertThat(reply.status()).as(id + ": " + reply.text()).isEqualTo(200);
		JsonNode answer = JSON.readTree(reply.body());
		assertThat(answer.get("ok").asBoolean()).isTrue();
		assertValid(tasks.path(id).path("result"), answer.has("result") ? answer.get("result")
				: JSON.readTree("{\"__type\":\"Undefined\",\"value\":null}"));
	}

	static void assertValid(JsonNode schema, JsonNode value) {
		assertThat(errors(schema, value)).as(value.toString()).isEmpty();
	}

	static List<Error> errors(JsonNode schema, JsonNode value) {
		Schema compiled = SCHEMAS.getSchema(schema.toString());
		return compiled.validate(value);
	}

}
