package dev.runner.spring.tunnel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.H;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static dev.runner.spring.testsupport.TunnelServer.withH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON request mode and result encoding: docs/tunnel-http.md §3.1, §3.2, §4.1, §8 and §18 cases 31-41.
 */
class JsonModeIntegrationTests {

	private static final String ECHO = "/__runner/task/app.tasks.echo";

	private static final String ADD = "/__runner/task/app.tasks.add";

	private static final String INVALID_JSON = error("Invalid JSON body", "INVALID_JSON");

	private static final String TOO_LARGE = error("Payload too large", "PAYLOAD_TOO_LARGE");

	private static final int DEFAULT_LIMIT = 2_097_152;

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileP.class, ProfileP.TOKENS);

	@RegisterExtension
	static final TunnelServer smallLimit = TunnelServer.of(ProfileP.class, ProfileP.TOKENS,
			"runner.limits.json.max-size=10");

	@Test // case 31
	void passesAbsentInputForEmptyBody() {
		assertEnvelope(server.post(ECHO, ""), 200, ok("null"));
		assertEnvelope(server.request("POST", ECHO, "", "x-runner-token", "secret"), 200, ok("null"));
		assertEnvelope(server.request("POST", ECHO, null, "x-runner-token", "secret"), 200, ok("null"));
		assertThat(recorder().seen("app.tasks.echo")).containsExactly(null, null, null);
	}

	@Test // case 32
	void treatsUndefinedInputAsAbsentAndKeepsNullInput() {
		assertEnvelope(server.post(ECHO, "{\"input\":{\"__type\":\"Undefined\",\"value\":null}}"), 200, ok("null"));
		assertEnvelope(server.post(ECHO, "{\"input\":null}"), 200, ok("null"));
		assertThat(recorder().seen("app.tasks.echo")).containsExactly(null, null);
	}

	@ParameterizedTest // case 33
	@ValueSource(strings = { "5", "\"hi\"", "null", "[1,2]", "true", "1.5", "[]", "\"\"" })
	void usesNonObjectBodyAsInput(String body) {
		assertEnvelope(server.post(ECHO, body), 200, ok(body));
		assertThat(recorder().seen("app.tasks.echo")).hasSize(1);
	}

	@Test // case 34
	void unwrapsInputAndIgnoresOtherKeys() {
		assertEnvelope(server.post(ECHO, "{\"input\":1,\"x\":2}"), 200, ok("1"));
		assertEnvelope(server.post(ECHO, "{\"x\":2,\"input\":{\"y\":3}}"), 200, ok("{\"y\":3}"));
	}

	@Test // §3.2 "bare" input
	void usesObjectWithoutInputKeyAsInput() {
		assertEnvelope(server.post(ECHO, "{\"a\":1,\"b\":[true,null]}"), 200, ok("{\"a\":1,\"b\":[true,null]}"));
		assertEnvelope(server.post(ECHO, "{}"), 200, ok("{}"));
	}

	@ParameterizedTest // case 35 and §3.1: whatever is not multipart or octet-stream is JSON
	@ValueSource(strings = { "text/plain", "application/json; charset=utf-8", "foo/bar", "",
			"application/octet-streamx", "application/x-www-form-urlencoded" })
	void decodesJsonWhateverTheContentType(String contentType) {
		assertEnvelope(server.request("POST", ADD, "{\"input\":{\"a\":3,\"b\":2}}", "x-runner-token", "secret",
				"content-type", contentType), 200, ok("5"));
	}

	@Test // §3.2 step 2: the body is UTF-8 whatever the charset; content-length counts bytes
	void decodesBodyAsUtf8WhateverTheCharset() {
		assertEnvelope(server.request("POST", ECHO, "{\"input\":\"é ✓ 😀\"}", "x-runner-token", "secret",
				"content-type", "application/json; charset=iso-8859-1"), 200, ok("\"é ✓ 😀\""));
	}

	@Test // §14.8 item 1: the smart client sends chunked bodies
	void acceptsChunkedBody() {
		byte[] body = "{\"input\":{\"a\":2,\"b\":3}}".getBytes(StandardCharsets.UTF_8);
		assertEnvelope(server.exchange("POST", ADD, body, true, H), 200, ok("5"));
	}

	@ParameterizedTest // case 36
	@ValueSource(strings = { "{bad", "nope", "{\"input\":1", "{\"input\":1}}", "'x'", "{\"a\":1,}" })
	void rejectsMalformedJson(String body) {
		assertEnvelope(server.post(ECHO, body), 400, INVALID_JSON);
		assertThat(recorder().seen("app.tasks.echo")).isEmpty();
	}

	@ParameterizedTest // case 37
	@ValueSource(strings = { "{\"input\":{\"__type\":\"Nope\",\"value\":1}}",
			"{\"input\":{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"(a+)+\",\"flags\":\"\"}}}",
			"{\"input\":{\"__type\":\"BigInt\",\"value\":5}}",
			"{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"missing\"},\"nodes\":{}}" })
	void rejectsBodyTheSerializerRefuses(String body) {
		assertEnvelope(server.post(ECHO, body), 400, INVALID_JSON);
		assertThat(recorder().seen("app.tasks.echo")).isEmpty();
	}

	@Test // case 38
	void decodesGraphFormatBody() {
		assertEnvelope(server.post(ECHO, "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":"
				+ "{\"obj_1\":{\"kind\":\"object\",\"value\":{\"input\":{\"__ref\":\"obj_2\"}}},"
				+ "\"obj_2\":{\"kind\":\"object\",\"value\":{\"a\":1}}}}"), 200, ok("{\"a\":1}"));
	}

	@Test // case 39
	void encodesVoidResultAsUndefined() {
		assertEnvelope(server.post("/__runner/task/app.tasks.void", "{}"), 200,
				ok("{\"__type\":\"Undefined\",\"value\":null}"));
	}

	@Test // case 40
	void echoesTypedValuesExactly() {
		String value = "{\"d\":{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"},"
				+ "\"m\":{\"__type\":\"Map\",\"value\":[[\"k\",1]]}}";
		assertEnvelope(server.post(ECHO, "{\"input\":" + value + "}"), 200, ok(value));
	}

	@Test // docs/serializer.md §3.3: reserved keys of user data are escaped on the way out
	void escapesReservedKeysOfPlainObjects() {
		String value = "{\"$runner.escape::__type\":\"Date\",\"value\":\"x\"}";
		assertEnvelope(server.post(ECHO, "{\"input\":" + value + "}"), 200, ok(value));
	}

	@ParameterizedTest // case 41: a body of exactly the limit is accepted, one byte more is refused
	@CsvSource({ "false", "true" })
	void acceptsBodyOfExactlyTheDefaultLimit(boolean chunked) {
		assertEnvelope(server.exchange("POST", ECHO, stringBody(DEFAULT_LIMIT), chunked, H), 200,
				ok("\"" + "x".repeat(DEFAULT_LIMIT - 12) + "\""));
	}

	@ParameterizedTest // case 41
	@CsvSource({ "false", "true" })
	void refusesBodyOneByteOverTheDefaultLimit(boolean chunked) {
		assertEnvelope(server.exchange("POST", ECHO, stringBody(DEFAULT_LIMIT + 1), chunked, H), 413, TOO_LARGE);
		assertThat(recorder().seen("app.tasks.echo")).isEmpty();
	}

	@Test // case 41 with limits.json.max-size 10
	void appliesConfiguredJsonLimit() {
		assertEnvelope(smallLimit.post(ECHO, "\"12345678\""), 200, ok("\"12345678\""));
		assertEnvelope(smallLimit.post(ECHO, "\"123456789\""), 413, TOO_LARGE);
		assertEnvelope(smallLimit.post(ECHO, "{\"input\":123}"), 413, TOO_LARGE);
		assertEnvelope(smallLimit.exchange("POST", ECHO, "{\"input\":123}".getBytes(StandardCharsets.UTF_8), true, H),
				413, TOO_LARGE);
		assertEnvelope(smallLimit.post("/__runner/event/app.events.notify", "{\"payload\":1}"), 413, TOO_LARGE);
	}

	@Test // the limit does not stop a later request on the same server
	void servesNextRequestAfterPayloadTooLarge() {
		assertEnvelope(server.exchange("POST", ADD, stringBody(DEFAULT_LIMIT + 1), false, H), 413, TOO_LARGE);
		assertEnvelope(server.post(ADD, "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test // the request headers are not part of the limit
	void countsOnlyBodyBytesAgainstTheLimit() {
		assertEnvelope(smallLimit.request("POST", ECHO, "\"12345678\"", withH("x-padding", "p".repeat(4000))), 200,
				ok("\"12345678\""));
	}

	/** {@code {"input":"xxx…"}} of exactly {@code size} bytes. */
	private static byte[] stringBody(int size) {
		byte[] body = new byte[size];
		Arrays.fill(body, (byte) 'x');
		byte[] head = "{\"input\":\"".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(head, 0, body, 0, head.length);
		body[size - 2] = '"';
		body[size - 1] = '}';
		return body;
	}

	private static ProfileP.Recorder recorder() {
		return server.bean(ProfileP.Recorder.class);
	}

}
