package dev.runner.sample;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * End-to-end tests of the sample app over real HTTP, with plain JSON as {@code curl} would send it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "runner.auth.tokens=test-token")
@AutoConfigureWebTestClient
class SampleApplicationIntegrationTests {

	private static final String TOKEN_HEADER = "x-runner-token";

	private static final String UNDEFINED = "{\"__type\":\"Undefined\",\"value\":null}";

	@Autowired
	private WebTestClient client;

	@Autowired
	private NoteStore store;

	@BeforeEach
	void emptyStore() {
		this.store.clear();
	}

	@Test
	void createsNoteLikeTheReadmeExample() {
		// curl -s http://localhost:8080/__runner/task/notes.create -H 'x-runner-token: dev-token'
		// -H 'content-type: application/json'
		// -d '{"input":{"title":"Buy milk","tags":{"__type":"Set","value":["home"]}}}'
		call("task/notes.create", "{\"input\":{\"title\":\"Buy milk\",\"tags\":{\"__type\":\"Set\",\"value\":[\"home\"]}}}")
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.ok").isEqualTo(true)
			.jsonPath("$.result.id").isNotEmpty()
			.jsonPath("$.result.title").isEqualTo("Buy milk")
			.jsonPath("$.result.body").isEmpty()
			.jsonPath("$.result.tags").isEqualTo(Map.of("__type", "Set", "value", List.of("home")))
			.jsonPath("$.result.remindAt").isEmpty()
			.jsonPath("$.result.createdAt.__type").isEqualTo("Date");
	}

	@Test
	void bindsPlainJsonArrayToTagSet() {
		call("task/notes.create", "{\"input\":{\"title\":\"Plain\",\"tags\":[\"a\",\"a\",\"b\"]}}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.tags.__type").isEqualTo("Set")
			.jsonPath("$.result.tags.value.length()").isEqualTo(2);
	}

	@Test
	void readsNoteWithDatesAsDateRecords() {
		Instant remindAt = Instant.parse("2030-05-06T07:08:09.010Z");
		String id = this.store.add(new NewNote("Dentist", "bring card", null, remindAt)).id();
		call("task/notes.get", "{\"input\":\"" + id + "\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.id").isEqualTo(id)
			.jsonPath("$.result.tags").isEqualTo(Map.of("__type", "Set", "value", List.of()))
			.jsonPath("$.result.remindAt").isEqualTo(Map.of("__type", "Date", "value", "2030-05-06T07:08:09.010Z"));
	}

	@Test
	void countsWithoutInput() {
		this.store.add(new NewNote("One", null, null, null));
		call("task/notes.count", "{\"input\":" + UNDEFINED + "}").expectStatus()
			.isOk()
			.expectBody()
			.json("{\"ok\":true,\"result\":1}", true);
	}

	@Test
	void answersUndefinedForVoidTask() {
		call("task/notes.clear", "{}").expectStatus()
			.isOk()
			.expectBody()
			.json("{\"ok\":true,\"result\":" + UNDEFINED + "}", true);
	}

	@Test
	void answersMissingNoteWithTypedError() {
		call("task/notes.get", "{\"input\":\"nope\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.json("{\"ok\":false,\"error\":{\"message\":\"Note nope not found\",\"code\":\"INTERNAL_ERROR\","
					+ "\"id\":\"notes.errors.NotFound\",\"data\":{\"id\":\"nope\"},\"httpCode\":404}}", true);
	}

	@Test
	void masksUntypedFailure() {
		call("task/notes.crash", "{}").expectStatus()
			.isEqualTo(500)
			.expectBody()
			.json("{\"ok\":false,\"error\":{\"message\":\"Internal Error\",\"code\":\"INTERNAL_ERROR\"}}", true);
	}

	@Test
	void rejectsBlankTitleWithViolation() {
		call("task/notes.create", "{\"input\":{\"title\":\" \"}}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("INVALID_INPUT")
			.jsonPath("$.error.id").isEqualTo("runner.errors.InvalidInput")
			.jsonPath("$.error.data.violations[0].path").isEqualTo("title");
	}

	@Test
	void refusesHiddenTask() {
		call("task/notes.purge", "{\"input\":{\"__type\":\"Date\",\"value\":\"2030-01-01T00:00:00.000Z\"}}")
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"ok\":false,\"error\":{\"message\":\"Task notes.purge not exposed\",\"code\":\"FORBIDDEN\"}}",
					true);
	}

	@Test
	void rejectsCallWithoutToken() {
		this.client.post()
			.uri("/__runner/task/notes.count")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.json("{\"ok\":false,\"error\":{\"message\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}}", true);
	}

	@Test
	void returnsAuditedPayloadOfCreatedEvent() {
		call("event/notes.events.created", "{\"payload\":{\"id\":\"n1\",\"title\":\"T\"},\"returnPayload\":true}")
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"ok\":true,\"result\":{\"id\":\"n1\",\"title\":\"T\",\"audited\":true}}", true);
	}

	@Test
	void allowsBrowserFrontEndOrigin() {
		this.client.options()
			.uri("/__runner/task/notes.list")
			.header(HttpHeaders.ORIGIN, "http://localhost:5173")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type, x-runner-token")
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
	}

	private WebTestClient.ResponseSpec call(String path, String json) {
		return this.client.post()
			.uri("/__runner/" + path)
			.header(TOKEN_HEADER, "test-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

}
