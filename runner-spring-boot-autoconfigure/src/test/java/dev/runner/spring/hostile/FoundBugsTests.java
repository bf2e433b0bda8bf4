package dev.runner.spring.hostile;

import java.time.Duration;
import java.util.Map;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.runner.spring.serializer.JsError;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.web.TunnelUriGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Regression tests for the bugs the fuzzing and hostile-client suites found in the main code, one per bug, each run
 * alone and fast (their HTTP consequences are covered by {@link HostileClientIntegrationTests}).
 */
class FoundBugsTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	/**
	 * A BigInt of 1.9 million digits fits a 2 MB body; {@code new BigInteger(String)} is quadratic and took 83 s of
	 * CPU for it (and 8 s more to encode it back). Digits beyond a bound are refused as an invalid payload.
	 */
	@Test
	void refusesBigIntPayloadsTooLongToParseQuickly() {
		String huge = "{\"__type\":\"BigInt\",\"value\":\"" + "7".repeat(1_900_000) + "\"}";
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(
				RunnerSerializationException.class).isThrownBy(() -> this.serializer.decode(huge))
			.withMessage("BigInt payload exceeds limit (10000 digits)"));
		String largest = "{\"__type\":\"BigInt\",\"value\":\"-" + "7".repeat(10_000) + "\"}";
		assertThat(this.serializer.decode(largest)).hasToString("-" + "7".repeat(10_000));
	}

	/**
	 * A graph of 64 nodes, each an array referencing the next twice, decodes in microseconds (nodes are shared) but
	 * stands for 2^64 values: converting or encoding it never ended. Graphs that stand for more values than the
	 * tree-format body limit could hold are refused.
	 */
	@Test
	void refusesGraphsThatExpandBeyondTheValueLimit() {
		StringBuilder graph = new StringBuilder("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"n0\"},\"nodes\":{");
		for (int i = 0; i < 64; i++) {
			String next = (i < 63) ? "{\"__ref\":\"n" + (i + 1) + "\"}" : "0";
			graph.append((i > 0) ? "," : "").append("\"n").append(i).append("\":{\"kind\":\"array\",\"value\":[")
				.append(next).append(',').append(next).append("]}");
		}
		graph.append("}}");
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(
				RunnerSerializationException.class).isThrownBy(() -> this.serializer.decode(graph.toString()))
			.withMessage("Graph expands beyond limit (1000000 values)"));
	}

	/** A graph whose shared references stand for fewer values than the limit still decodes, identity kept. */
	@Test
	void keepsDecodingSharedReferencesWithinTheValueLimit() {
		String graph = "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"a\"},\"nodes\":{"
				+ "\"a\":{\"kind\":\"array\",\"value\":[{\"__ref\":\"b\"},{\"__ref\":\"b\"},{\"__ref\":\"a\"}]},"
				+ "\"b\":{\"kind\":\"object\",\"value\":{\"x\":1}}}}";
		Object decoded = this.serializer.decode(graph);
		assertThat(decoded).asList().hasSize(3);
		assertThat(((java.util.List<?>) decoded).get(0)).isSameAs(((java.util.List<?>) decoded).get(1));
	}

	/**
	 * An Error with an empty name (decoded from a caller's body) was encoded with the Java class name
	 * {@code dev.runner.spring.serializer.JsError} as its name: a class name in a response body.
	 */
	@Test
	void encodesErrorsWithEmptyNamesWithoutJavaClassNames() {
		Object decoded = this.serializer.decode("{\"__type\":\"Error\",\"value\":{\"name\":\"\",\"message\":\"m\"}}");
		assertThat(this.serializer.encodeToString(decoded))
			.isEqualTo("{\"__type\":\"Error\",\"value\":{\"name\":\"\",\"message\":\"m\",\"customFields\":{}}}");
		Exception anonymous = new IllegalStateException("boom") {
		};
		assertThat(this.serializer.encodeToString(Map.of("e", anonymous))).doesNotContain("FoundBugsTests")
			.contains("\"name\":\"Error\"");
		assertThat(new JsError("", "m").name()).isEmpty();
	}

	/**
	 * A target with a second {@code #} ({@code /__runner/task/x#a#b}) was left as it was by the URI guard, and
	 * {@code java.net.URI} refuses it: the request got the server's bare 400 instead of being routed. The fragment
	 * is now dropped as the WHATWG parser of the Node router does.
	 */
	@Test
	void dropsFragmentsBeforeTheServerParsesTheTarget() {
		assertThat(guarded("/__runner/task/app.tasks.add#/#")).isEqualTo("/__runner/task/app.tasks.add");
		assertThat(guarded("/__runner/task/a%20b?x=1#y")).isEqualTo("/__runner/task/a%20b?x=1");
		assertThat(guarded("/__runner/task/a|b#|")).isEqualTo("/__runner/task/a%7Cb");
	}

	private static String guarded(String target) {
		EmbeddedChannel channel = new EmbeddedChannel(new TunnelUriGuard("/__runner"));
		try {
			channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x"));
			HttpRequest request = channel.readInbound();
			request.setUri(target);
			channel.writeInbound(request);
			HttpRequest guarded = channel.readInbound();
			return guarded.uri();
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

}
