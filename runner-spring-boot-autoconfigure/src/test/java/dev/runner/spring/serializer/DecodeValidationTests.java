package dev.runner.spring.serializer;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static dev.runner.spring.serializer.RunnerSerializationException.DEPTH_EXCEEDED;
import static dev.runner.spring.serializer.RunnerSerializationException.INVALID_PAYLOAD;
import static dev.runner.spring.serializer.RunnerSerializationException.REFERENCE_RESOLUTION;
import static dev.runner.spring.serializer.RunnerSerializationException.SYNTAX_ERROR;
import static dev.runner.spring.serializer.RunnerSerializationException.TYPE_REGISTRY;
import static dev.runner.spring.serializer.RunnerSerializationException.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The lenient (L1-L13) and negative (N1-N21) decode vectors of docs/serializer.md §10.3 and §10.4, plus other decode
 * failures.
 */
class DecodeValidationTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	static Stream<Arguments> lenientVectors() {
		return Stream.of(
				arguments("L1", "{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\",\"extra\":1}", Instant.EPOCH),
				arguments("L2", "{\"__type\":\"Date\"}", Map.of("__type", "Date")),
				arguments("L3", "{\"__type\":5,\"value\":1}", Map.of("__type", 5L, "value", 1L)),
				arguments("L4", "{\"__type\":\"Date\",\"value\":0}", Instant.EPOCH),
				arguments("L5", "{\"__type\":\"Date\",\"value\":\"2024-01-01T01:00:00+01:00\"}",
						Instant.parse("2024-01-01T00:00:00Z")),
				arguments("L6", "{\"__type\":\"BigInt\",\"value\":\" +7 \"}", BigInteger.valueOf(7)),
				arguments("L7", "{\"__type\":\"Undefined\",\"value\":123}", JsUndefined.INSTANCE),
				arguments("L9", "{\"a\":1,\"a\":2}", Map.of("a", 2L)),
				arguments("L10", "{\"a\":{\"__proto__\":{\"polluted\":1},\"constructor\":{\"x\":1},\"b\":1}}",
						Map.of("a", Map.of("b", 1L))),
				arguments("L13", regExp("a".repeat(1024)), new JsRegExp("a".repeat(1024), "")),
				arguments("Date 1.9 ms", "{\"__type\":\"Date\",\"value\":1.9}", Instant.ofEpochMilli(1)),
				arguments("Date -1.9 ms", "{\"__type\":\"Date\",\"value\":-1.9}", Instant.ofEpochMilli(-1)),
				arguments("Date only", "{\"__type\":\"Date\",\"value\":\"2024-02-29\"}", Instant.parse("2024-02-29T00:00:00Z")),
				arguments("Date extended year", "{\"__type\":\"Date\",\"value\":\"-271821-04-20T00:00:00.000Z\"}",
						Instant.ofEpochMilli(-8_640_000_000_000_000L)),
				arguments("Type record with null value", "{\"__type\":\"Undefined\",\"value\":null}", JsUndefined.INSTANCE),
				arguments("Typed record keys in any order", "{\"value\":\"-5\",\"__type\":\"BigInt\"}", BigInteger.valueOf(-5)),
				arguments("Escaped value key", "{\"__type\":\"Date\",\"$runner.escape::value\":\"x\"}",
						Map.of("__type", "Date", "value", "x")),
				arguments("Symbol observable", "{\"__type\":\"Symbol\",\"value\":{\"kind\":\"WellKnown\",\"key\":\"observable\"}}",
						new JsSymbol(JsSymbol.Kind.WELL_KNOWN, "observable")),
				arguments("URLSearchParams", "{\"__type\":\"URLSearchParams\",\"value\":\"?a=%C3%A9&a=2&&b&c=%zz+\"}",
						JsUrlSearchParams.of("a", "é", "a", "2", "b", "", "c", "%zz ")),
				arguments("Map entry shapes", "{\"__type\":\"Map\",\"value\":[[1],[2,3,4]]}",
						TreeVectorsTests.jsMap(1L, JsUndefined.INSTANCE, 2L, 3L)),
				arguments("URL fallback", "{\"__type\":\"URL\",\"value\":\"https://h/a|b\"}", new JsUrl("https://h/a|b")),
				arguments("Whitespace", " \n\t[1 , 2]\r\n", List.of(1L, 2L)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lenientVectors")
	void acceptsLenientInput(String id, String text, Object expected) {
		assertThat(this.serializer.decode(text)).isEqualTo(expected);
	}

	@Test
	void l8ErrorDropsBlockedCustomFields() {
		JsError error = (JsError) this.serializer.decode("{\"__type\":\"Error\",\"value\":{\"name\":\"E\",\"message\":\"m\","
				+ "\"customFields\":{\"stack\":\"s\",\"toString\":1,\"ok\":2}}}");
		assertThat(error.name()).isEqualTo("E");
		assertThat(error.getMessage()).isEqualTo("m");
		assertThat(error.customFields()).isEqualTo(Map.of("ok", 2L));
		assertThat(error.stack()).isNull();
		assertThat(error).hasToString("E: m");
	}

	static Stream<Arguments> negativeVectors() {
		return Stream.of(
				arguments("N1", "{bad", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N1 empty", "", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N1 blank", "  ", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N1 trailing", "{} {}", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N1 truncated", "{\"a\":", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N1 NaN literal", "NaN", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N1 single quotes", "{'a':1}", SYNTAX_ERROR, "Invalid JSON payload."),
				arguments("N2", "{\"__type\":\"Nope\",\"value\":1}", TYPE_REGISTRY, "Unknown type: Nope"),
				arguments("N3 fraction", "{\"__type\":\"BigInt\",\"value\":\"1.5\"}", INVALID_PAYLOAD, "Invalid bigint payload"),
				arguments("N3 number", "{\"__type\":\"BigInt\",\"value\":5}", INVALID_PAYLOAD, "Invalid bigint payload"),
				arguments("N3 sign only", "{\"__type\":\"BigInt\",\"value\":\"-\"}", INVALID_PAYLOAD, "Invalid bigint payload"),
				arguments("N4", "{\"__type\":\"NonFiniteNumber\",\"value\":\"nan\"}", INVALID_PAYLOAD,
						"Invalid non-finite number payload"),
				arguments("N5", "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"(a+)+\",\"flags\":\"\"}}", VALIDATION,
						"Unsafe RegExp pattern"),
				arguments("N6", "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"^(a|aa)+$\",\"flags\":\"\"}}", VALIDATION,
						"Unsafe RegExp pattern"),
				arguments("N7", "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"a\",\"flags\":\"gg\"}}", INVALID_PAYLOAD,
						"Invalid RegExp flags"),
				arguments("N8", regExp("a".repeat(1025)), VALIDATION, "RegExp pattern exceeds limit (1024)"),
				arguments("N9", "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"(\",\"flags\":\"\"}}", INVALID_PAYLOAD,
						"Invalid RegExp payload"),
				arguments("N9 shape", "{\"__type\":\"RegExp\",\"value\":{\"pattern\":1,\"flags\":\"\"}}", INVALID_PAYLOAD,
						"Invalid RegExp payload"),
				arguments("N10", "{\"__type\":\"Uint8Array\",\"value\":[256]}", INVALID_PAYLOAD, "Invalid Uint8Array payload"),
				arguments("N10 fraction", "{\"__type\":\"Buffer\",\"value\":[1.5]}", INVALID_PAYLOAD, "Invalid Buffer payload"),
				arguments("N10 not array", "{\"__type\":\"ArrayBuffer\",\"value\":\"x\"}", INVALID_PAYLOAD,
						"Invalid ArrayBuffer payload"),
				arguments("N11", "{\"__type\":\"Int16Array\",\"value\":[1]}", INVALID_PAYLOAD, "Invalid Int16Array payload"),
				arguments("N11 float64", "{\"__type\":\"Float64Array\",\"value\":[1,2,3,4]}", INVALID_PAYLOAD,
						"Invalid Float64Array payload"),
				arguments("N12", "{\"__type\":\"Symbol\",\"value\":{\"kind\":\"WellKnown\",\"key\":\"nope\"}}", INVALID_PAYLOAD,
						"Invalid symbol payload"),
				arguments("N12 kind", "{\"__type\":\"Symbol\",\"value\":{\"kind\":\"Unique\",\"key\":\"x\"}}", INVALID_PAYLOAD,
						"Invalid symbol payload"),
				arguments("N13", "{\"__type\":\"Error\",\"value\":{\"message\":\"x\"}}", INVALID_PAYLOAD, "Invalid Error payload"),
				arguments("N13 stack", "{\"__type\":\"Error\",\"value\":{\"name\":\"E\",\"message\":\"x\",\"stack\":1}}",
						INVALID_PAYLOAD, "Invalid Error payload"),
				arguments("N13 customFields", "{\"__type\":\"Error\",\"value\":{\"name\":\"E\",\"message\":\"x\","
						+ "\"customFields\":[]}}", INVALID_PAYLOAD, "Invalid Error payload"),
				arguments("N14", "{\"__type\":\"Map\",\"value\":5}", INVALID_PAYLOAD, "Invalid Map payload"),
				arguments("N14 entry", "{\"__type\":\"Map\",\"value\":[\"ab\"]}", INVALID_PAYLOAD, "Invalid Map payload"),
				arguments("N15", "{\"__type\":\"URL\",\"value\":\"not a url\"}", INVALID_PAYLOAD, "Invalid URL payload"),
				arguments("N15 relative", "{\"__type\":\"URL\",\"value\":\"/a/b\"}", INVALID_PAYLOAD, "Invalid URL payload"),
				arguments("N16", "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"nope\"},\"nodes\":{}}",
						REFERENCE_RESOLUTION, "Unresolved reference id \"nope\""),
				arguments("N17", "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"a\",\"x\":1},\"nodes\":{\"a\":"
						+ "{\"kind\":\"object\",\"value\":{}}}}", INVALID_PAYLOAD, "Invalid object reference payload"),
				arguments("N17 not string", "{\"__graph\":true,\"root\":{\"__ref\":1},\"nodes\":{}}", INVALID_PAYLOAD,
						"Invalid object reference payload"),
				arguments("N18", "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"__proto__\"},\"nodes\":{}}",
						REFERENCE_RESOLUTION, "Unresolved reference id \"__proto__\""),
				arguments("N18 present", "{\"__graph\":true,\"root\":{\"__ref\":\"constructor\"},\"nodes\":{\"constructor\":"
						+ "{\"kind\":\"object\",\"value\":{}}}}", REFERENCE_RESOLUTION,
						"Unresolved reference id \"constructor\""),
				arguments("N19", "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"a\"},\"nodes\":{\"a\":{\"kind\":"
						+ "\"weird\",\"value\":{}}}}", VALIDATION, "Unsupported node kind"),
				arguments("N20", "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"a\"},\"nodes\":{\"a\":{\"kind\":"
						+ "\"array\",\"value\":{}}}}", INVALID_PAYLOAD, "Invalid array node payload"),
				arguments("N20 object", "{\"__graph\":true,\"root\":{\"__ref\":\"a\"},\"nodes\":{\"a\":{\"kind\":\"object\","
						+ "\"value\":[]}}}", INVALID_PAYLOAD, "Invalid object node payload"),
				arguments("N21", "[".repeat(1001) + "0" + "]".repeat(1001), DEPTH_EXCEEDED, "Maximum depth exceeded (1000)"),
				arguments("L11", "{\"__type\":\"Date\",\"value\":\"garbage\"}", INVALID_PAYLOAD, "Invalid Date payload"),
				arguments("L12", "{\"__type\":\"Set\",\"value\":\"ab\"}", INVALID_PAYLOAD, "Invalid Set payload"),
				arguments("Date out of range", "{\"__type\":\"Date\",\"value\":8640000000000001}", INVALID_PAYLOAD,
						"Invalid Date payload"),
				arguments("Date -000000", "{\"__type\":\"Date\",\"value\":\"-000000-01-01T00:00:00Z\"}", INVALID_PAYLOAD,
						"Invalid Date payload"),
				arguments("Date Feb 30", "{\"__type\":\"Date\",\"value\":\"2024-02-30\"}", INVALID_PAYLOAD,
						"Invalid Date payload"),
				arguments("Date null", "{\"__type\":\"Date\",\"value\":null}", INVALID_PAYLOAD, "Invalid Date payload"),
				arguments("URLSearchParams number", "{\"__type\":\"URLSearchParams\",\"value\":1}", INVALID_PAYLOAD,
						"Invalid URLSearchParams payload"),
				arguments("Unknown nested", "{\"a\":[{\"__type\":\"Nope\",\"value\":null}]}", TYPE_REGISTRY,
						"Unknown type: Nope"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("negativeVectors")
	void rejects(String id, String text, String errorId, String message) {
		RunnerSerializationException ex = SerializerAssertions.decodeFailure(this.serializer, text);
		assertThat(ex.errorId()).isEqualTo(errorId);
		assertThat(ex.getMessage()).isEqualTo(message);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		RunnerSerializationException fromBytes = org.assertj.core.api.Assertions
			.catchThrowableOfType(RunnerSerializationException.class, () -> this.serializer.decode(bytes));
		assertThat(fromBytes.errorId()).isEqualTo(errorId);
		RunnerSerializationException fromStream = org.assertj.core.api.Assertions.catchThrowableOfType(
				RunnerSerializationException.class, () -> this.serializer.decode(new ByteArrayInputStream(bytes)));
		assertThat(fromStream.errorId()).isEqualTo(errorId);
	}

	@Test
	void invalidUtf8IsInvalidJson() {
		RunnerSerializationException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				RunnerSerializationException.class,
				() -> this.serializer.decode(new byte[] { '"', (byte) 0xC3, (byte) 0x28, '"' }));
		assertThat(ex.errorId()).isEqualTo(SYNTAX_ERROR);
	}

	@Test
	void decodesSliceOfArray() {
		byte[] bytes = "xx[1,{\"a\":true}]yy".getBytes(StandardCharsets.UTF_8);
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("a", true);
		assertThat(this.serializer.decode(bytes, 2, bytes.length - 4)).isEqualTo(List.of(1L, inner));
	}

	@Test
	void leavesStreamsOpen() {
		boolean[] closed = { false };
		ByteArrayInputStream in = new ByteArrayInputStream("1".getBytes(StandardCharsets.UTF_8)) {

			@Override
			public void close() {
				closed[0] = true;
			}

		};
		assertThat(this.serializer.decode(in)).isEqualTo(1L);
		assertThat(closed[0]).isFalse();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {

			@Override
			public void close() {
				closed[0] = true;
			}

		};
		try (tools.jackson.core.JsonGenerator generator = this.serializer.createGenerator(out)) {
			this.serializer.write(generator, 1);
		}
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1");
		assertThat(closed[0]).isFalse();
	}

	@Test
	void decodesFromStream() {
		assertThat(this.serializer
			.decode(new ByteArrayInputStream("{\"d\":{\"__type\":\"Date\",\"value\":0}}".getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(Map.of("d", Instant.EPOCH));
	}

	static String regExp(String pattern) {
		return "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"" + pattern + "\",\"flags\":\"\"}}";
	}

}
