package dev.runner.spring.tunnel;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events: docs/tunnel-http.md §3.5, §4.1 and §18 cases 48-54 and 80, plus listener order and payload replacement
 * (README "Events").
 */
class EventsIntegrationTests {

	private static final String NOTIFY = "/__runner/event/app.events.notify";

	private static final String OK = "{\"ok\":true}";

	private static final String UNDEFINED = "{\"__type\":\"Undefined\",\"value\":null}";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfilePWithExtras.class, ProfileP.TOKENS,
			"runner.events.declared=app.events.declared").silencingExpectedFailures();

	@Test // case 48
	void answersOkWithoutResultAfterListenersRan() {
		assertEnvelope(server.post(NOTIFY, "{\"payload\":{\"a\":1}}"), 200, OK);
		assertThat(recorder().seen("app.events.notify")).singleElement()
			.isInstanceOfSatisfying(Map.class, (payload) -> assertThat(payload).containsOnlyKeys("a"));
	}

	@Test // case 49
	void returnsPayloadAsReplacedByListener() {
		assertEnvelope(server.post(NOTIFY, "{\"payload\":{\"a\":1},\"returnPayload\":true}"), 200,
				ok("{\"a\":1,\"touched\":true}"));
	}

	@Test // case 50
	void returnsUndefinedWhenPayloadIsAbsent() {
		assertEnvelope(server.post(NOTIFY, "{\"returnPayload\":true}"), 200, ok(UNDEFINED));
		assertEnvelope(server.post(NOTIFY, "{\"payload\":" + UNDEFINED + ",\"returnPayload\":true}"), 200,
				ok(UNDEFINED));
		assertThat(recorder().seen("app.events.notify")).containsExactly(null, null);
	}

	@ParameterizedTest // case 51: no bare mode for events
	@ValueSource(strings = { "{\"a\":1}", "", "5", "[1]", "\"x\"", "null" })
	void treatsBodyWithoutPayloadKeyAsAbsentPayload(String body) {
		assertEnvelope(server.post(NOTIFY, body), 200, OK);
		assertThat(recorder().seen("app.events.notify")).containsExactly((Object) null);
	}

	@ParameterizedTest // §3.5: JavaScript truthiness of returnPayload
	@ValueSource(strings = { "true", "1", "\"yes\"", "\"false\"", "{}", "[]", "-1" })
	void returnsPayloadWhenReturnPayloadIsTruthy(String flag) {
		assertEnvelope(server.post(NOTIFY, "{\"payload\":{\"a\":1},\"returnPayload\":" + flag + "}"), 200,
				ok("{\"a\":1,\"touched\":true}"));
	}

	@ParameterizedTest // §3.5
	@ValueSource(strings = { "false", "0", "\"\"", "null", UNDEFINED })
	void answersOkOnlyWhenReturnPayloadIsFalsy(String flag) {
		assertEnvelope(server.post(NOTIFY, "{\"payload\":{\"a\":1},\"returnPayload\":" + flag + "}"), 200, OK);
		assertThat(recorder().seen("app.events.notify")).hasSize(1);
	}

	@Test // case 52
	void refusesReturnPayloadOnParallelEventBeforeRunningListeners() {
		assertEnvelope(server.post("/__runner/event/app.events.par", "{\"payload\":1,\"returnPayload\":true}"), 400,
				error("Event app.events.par is marked parallel; returning a payload is not supported.",
						"PARALLEL_EVENT_RETURN_UNSUPPORTED"));
		assertThat(recorder().seen("app.events.par")).isEmpty();
		assertEnvelope(server.post("/__runner/event/app.events.par", "{\"payload\":1}"), 200, OK);
		assertThat(recorder().seen("app.events.par")).hasSize(1);
	}

	@Test // case 53
	void masksUntypedListenerFailure() {
		assertEnvelope(server.post("/__runner/event/app.events.fail", "{\"payload\":{}}"), 500,
				error("Internal Error", "INTERNAL_ERROR"));
		assertThat(recorder().seen("app.events.fail")).hasSize(1);
	}

	@Test // case 53
	void sendsTypedListenerFailureWithItsStatus() {
		assertEnvelope(server.post("/__runner/event/app.events.typed", "{\"payload\":{}}"), 409, ProfileP.CONFLICT);
		assertEnvelope(server.post("/__runner/event/app.events.typed", "{\"payload\":{},\"returnPayload\":true}"), 409,
				ProfileP.CONFLICT);
	}

	@Test // case 54
	void refusesBodyThatIsNotJson() {
		String invalidJson = error("Invalid JSON body", "INVALID_JSON");
		assertEnvelope(server.post(NOTIFY, "nope"), 400, invalidJson);
		assertEnvelope(server.request("POST", NOTIFY,
				"--xx\r\nContent-Disposition: form-data; name=\"__manifest\"\r\n\r\n{\"payload\":1}\r\n--xx--\r\n",
				"x-runner-token", "secret", "content-type", "multipart/form-data; boundary=xx"), 400, invalidJson);
		assertThat(recorder().seen("app.events.notify")).isEmpty();
	}

	@ParameterizedTest // §3.5: events ignore the content-type
	@ValueSource(strings = { "application/octet-stream", "text/plain", "multipart/form-data; boundary=xx" })
	void decodesEventBodyAsJsonWhateverTheContentType(String contentType) {
		assertEnvelope(server.request("POST", NOTIFY, "{\"payload\":{\"a\":2},\"returnPayload\":true}",
				"x-runner-token", "secret", "content-type", contentType), 200, ok("{\"a\":2,\"touched\":true}"));
	}

	@Test // the README's "Writing tasks and events": listeners run in ascending order, each sees the payload the previous one returned
	void runsListenersInOrderReplacingPayload() {
		assertEnvelope(server.post("/__runner/event/app.events.chain", "{\"payload\":{\"trail\":\"\"},"
				+ "\"returnPayload\":true}"), 200, ok("{\"trail\":\"abc\"}"));
		assertThat(recorder().seen("app.events.chain")).containsExactly("first:", "second:a", "third:ab");
		assertEnvelope(server.post("/__runner/event/app.events.chain", "{\"payload\":{\"trail\":\">\"}}"), 200, OK);
	}

	@Test // the README's runner.events.declared: an event without listeners is a no-op
	void emitsDeclaredEventWithoutListeners() {
		assertEnvelope(server.post("/__runner/event/app.events.declared", "{\"payload\":{\"a\":1}}"), 200, OK);
		assertEnvelope(
				server.post("/__runner/event/app.events.declared", "{\"payload\":{\"a\":1},\"returnPayload\":1}"), 200,
				ok("{\"a\":1}"));
	}

	@Test // case 80 (event listener)
	void answersClientClosedRequestWhenListenerIsCancelled() {
		assertEnvelope(server.post("/__runner/event/app.events.cancel", "{\"payload\":1}"), 499,
				error("Client Closed Request", "REQUEST_ABORTED"));
	}

	private static ProfileP.Recorder recorder() {
		return server.bean(ProfileP.Recorder.class);
	}

}
