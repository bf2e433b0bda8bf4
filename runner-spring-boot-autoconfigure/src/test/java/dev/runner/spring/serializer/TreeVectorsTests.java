package dev.runner.spring.serializer;

import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The tree round-trip vectors T1-T60 of docs/serializer.md §10.1: exact encoder output where a Java value maps to the
 * vector, decoded value for all.
 */
class TreeVectorsTests {

	private static final Object DECODE_ONLY = new Object();

	private static final String EPOCH = "{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"}";

	private static final String UNDEFINED = "{\"__type\":\"Undefined\",\"value\":null}";

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	static Stream<Arguments> vectors() {
		return Stream.of(
				arguments("T1", 42L, "42", 42L),
				arguments("T2", 1.5, "1.5", 1.5),
				arguments("T3", -0.0, "0", 0L),
				arguments("T4", 1e21, "1e+21", 1.0E21),
				arguments("T5", List.of(0.1, 1e-7, 123456789012345680000d, 9007199254740994L, -1.5e300),
						"[0.1,1e-7,123456789012345680000,9007199254740994,-1.5e+300]",
						List.of(0.1, 1.0E-7, 1.2345678901234568E20, 9007199254740994L, -1.5E300)),
				arguments("T6", JsUndefined.INSTANCE, UNDEFINED, JsUndefined.INSTANCE),
				arguments("T7", Double.NaN, "{\"__type\":\"NonFiniteNumber\",\"value\":\"NaN\"}", Double.NaN),
				arguments("T8", Double.POSITIVE_INFINITY, "{\"__type\":\"NonFiniteNumber\",\"value\":\"Infinity\"}",
						Double.POSITIVE_INFINITY),
				arguments("T9", Double.NEGATIVE_INFINITY, "{\"__type\":\"NonFiniteNumber\",\"value\":\"-Infinity\"}",
						Double.NEGATIVE_INFINITY),
				arguments("T10", new BigInteger("12345678901234567890"),
						"{\"__type\":\"BigInt\",\"value\":\"12345678901234567890\"}",
						new BigInteger("12345678901234567890")),
				arguments("T11", BigInteger.valueOf(-5), "{\"__type\":\"BigInt\",\"value\":\"-5\"}",
						BigInteger.valueOf(-5)),
				arguments("T12", Instant.EPOCH, EPOCH, Instant.EPOCH),
				arguments("T13", Instant.parse("2024-01-02T03:04:05.678Z"),
						"{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}",
						Instant.parse("2024-01-02T03:04:05.678Z")),
				arguments("T14", Instant.parse("0000-01-01T00:00:00Z"),
						"{\"__type\":\"Date\",\"value\":\"0000-01-01T00:00:00.000Z\"}",
						Instant.parse("0000-01-01T00:00:00Z")),
				arguments("T15", Instant.parse("+10000-01-01T00:00:00Z"),
						"{\"__type\":\"Date\",\"value\":\"+010000-01-01T00:00:00.000Z\"}",
						Instant.parse("+10000-01-01T00:00:00Z")),
				arguments("T16", Instant.parse("-0001-01-01T00:00:00Z"),
						"{\"__type\":\"Date\",\"value\":\"-000001-01-01T00:00:00.000Z\"}",
						Instant.parse("-0001-01-01T00:00:00Z")),
				arguments("T17", Instant.ofEpochMilli(8_640_000_000_000_000L),
						"{\"__type\":\"Date\",\"value\":\"+275760-09-13T00:00:00.000Z\"}",
						Instant.ofEpochMilli(8_640_000_000_000_000L)),
				arguments("T18", new JsRegExp("a+b\\/", "gi"),
						"{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"a+b\\\\/\",\"flags\":\"gi\"}}",
						new JsRegExp("a+b\\/", "gi")),
				arguments("T19", jsMap("a", 1L, 2L, "b", Map.of("k", 1L), List.of(true)),
						"{\"__type\":\"Map\",\"value\":[[\"a\",1],[2,\"b\"],[{\"k\":1},[true]]]}",
						jsMap("a", 1L, 2L, "b", Map.of("k", 1L), List.of(true))),
				arguments("T20", jsMap(Instant.EPOCH, "epoch"),
						"{\"__type\":\"Map\",\"value\":[[" + EPOCH + ",\"epoch\"]]}", jsMap(Instant.EPOCH, "epoch")),
				arguments("T21", jsMap("k", JsUndefined.INSTANCE),
						"{\"__type\":\"Map\",\"value\":[[\"k\"," + UNDEFINED + "]]}", jsMap("k", JsUndefined.INSTANCE)),
				arguments("T22", set(1L, "1", Instant.EPOCH),
						"{\"__type\":\"Set\",\"value\":[1,\"1\"," + EPOCH + "]}", set(1L, "1", Instant.EPOCH)),
				arguments("T23", set(Map.of("a", 1L), List.of(1L, 2L)),
						"{\"__type\":\"Set\",\"value\":[{\"a\":1},[1,2]]}", set(Map.of("a", 1L), List.of(1L, 2L))),
				arguments("T24", new JsSymbol(JsSymbol.Kind.FOR, "app.sym"),
						"{\"__type\":\"Symbol\",\"value\":{\"kind\":\"For\",\"key\":\"app.sym\"}}",
						new JsSymbol(JsSymbol.Kind.FOR, "app.sym")),
				arguments("T25", new JsSymbol(JsSymbol.Kind.WELL_KNOWN, "iterator"),
						"{\"__type\":\"Symbol\",\"value\":{\"kind\":\"WellKnown\",\"key\":\"iterator\"}}",
						new JsSymbol(JsSymbol.Kind.WELL_KNOWN, "iterator")),
				arguments("T29", URI.create("https://example.com/a%20b?x=1#h"),
						"{\"__type\":\"URL\",\"value\":\"https://example.com/a%20b?x=1#h\"}",
						URI.create("https://example.com/a%20b?x=1#h")),
				arguments("T30", JsUrlSearchParams.of("a", "1", "b", "x y"),
						"{\"__type\":\"URLSearchParams\",\"value\":\"a=1&b=x+y\"}", JsUrlSearchParams.of("a", "1", "b", "x y")),
				arguments("T31", new byte[] { 1, 2, (byte) 0xFF }, "{\"__type\":\"Uint8Array\",\"value\":[1,2,255]}",
						new byte[] { 1, 2, (byte) 0xFF }),
				arguments("T32", DECODE_ONLY, "{\"__type\":\"Buffer\",\"value\":[104,105]}", new byte[] { 104, 105 }),
				arguments("T33", ByteBuffer.wrap(new byte[] { 9, 8 }), "{\"__type\":\"ArrayBuffer\",\"value\":[9,8]}",
						new byte[] { 9, 8 }),
				arguments("T34", DECODE_ONLY, "{\"__type\":\"DataView\",\"value\":[2,3]}", new byte[] { 2, 3 }),
				arguments("T35", new byte[] { 1, 2 }, "{\"__type\":\"Uint8Array\",\"value\":[1,2]}", new byte[] { 1, 2 }),
				arguments("T36", DECODE_ONLY, "{\"__type\":\"Int8Array\",\"value\":[255,1]}", new byte[] { -1, 1 }),
				arguments("T37", DECODE_ONLY, "{\"__type\":\"Uint8ClampedArray\",\"value\":[255]}",
						new byte[] { (byte) 0xFF }),
				arguments("T38", DECODE_ONLY, "{\"__type\":\"Int16Array\",\"value\":[255,255,0,1]}",
						new short[] { -1, 256 }),
				arguments("T39", DECODE_ONLY, "{\"__type\":\"Uint16Array\",\"value\":[1,0]}", new char[] { 1 }),
				arguments("T40", DECODE_ONLY, "{\"__type\":\"Int32Array\",\"value\":[254,255,255,255]}",
						new int[] { -2 }),
				arguments("T41", DECODE_ONLY, "{\"__type\":\"Uint32Array\",\"value\":[1,0,0,0]}", new long[] { 1 }),
				arguments("T42", DECODE_ONLY, "{\"__type\":\"Float32Array\",\"value\":[0,0,192,63]}",
						new float[] { 1.5f }),
				arguments("T43", DECODE_ONLY, "{\"__type\":\"Float64Array\",\"value\":[0,0,0,0,0,0,248,63]}",
						new double[] { 1.5 }),
				arguments("T44", DECODE_ONLY,
						"{\"__type\":\"BigInt64Array\",\"value\":[255,255,255,255,255,255,255,255]}",
						new long[] { -1L }),
				arguments("T45", DECODE_ONLY, "{\"__type\":\"BigUint64Array\",\"value\":[1,0,0,0,0,0,0,0]}",
						new BigInteger[] { BigInteger.ONE }),
				arguments("T46", map("__type", "Date", "value", "x"), "{\"$runner.escape::__type\":\"Date\",\"value\":\"x\"}",
						map("__type", "Date", "value", "x")),
				arguments("T47", map("__graph", true, "root", 1L, "nodes", map()),
						"{\"$runner.escape::__graph\":true,\"root\":1,\"nodes\":{}}",
						map("__graph", true, "root", 1L, "nodes", map())),
				arguments("T48", map("$runner.escape::a", 1L), "{\"$runner.escape::$runner.escape::a\":1}",
						map("$runner.escape::a", 1L)),
				arguments("T49", map("__ref", "obj_1"), "{\"__ref\":\"obj_1\"}", map("__ref", "obj_1")),
				arguments("T50", map("__proto__", 1L, "constructor", 2L, "prototype", 3L, "ok", 4L), "{\"ok\":4}",
						map("ok", 4L)),
				arguments("T51", map("a", JsUndefined.INSTANCE, "b", list(JsUndefined.INSTANCE, JsUndefined.INSTANCE, 3L)),
						"{\"a\":" + UNDEFINED + ",\"b\":[" + UNDEFINED + "," + UNDEFINED + ",3]}",
						map("a", JsUndefined.INSTANCE, "b", list(JsUndefined.INSTANCE, JsUndefined.INSTANCE, 3L))),
				arguments("T52",
						map("when", Instant.EPOCH, "tags", set("x"), "meta",
								jsMap("k", map("n", BigInteger.ONE))),
						"{\"when\":" + EPOCH + ",\"tags\":{\"__type\":\"Set\",\"value\":[\"x\"]},\"meta\":{\"__type\":\"Map\","
								+ "\"value\":[[\"k\",{\"n\":{\"__type\":\"BigInt\",\"value\":\"1\"}}]]}}",
						map("when", Instant.EPOCH, "tags", set("x"), "meta", jsMap("k", map("n", BigInteger.ONE)))),
				arguments("T53", list(BigInteger.ONE, Double.NaN, Instant.EPOCH),
						"[{\"__type\":\"BigInt\",\"value\":\"1\"},{\"__type\":\"NonFiniteNumber\",\"value\":\"NaN\"},"
								+ EPOCH + "]",
						list(BigInteger.ONE, Double.NaN, Instant.EPOCH)),
				arguments("T54", map("t", true, "f", false, "s", "a\"b\\c\n"),
						"{\"t\":true,\"f\":false,\"s\":\"a\\\"b\\\\c\\n\"}", map("t", true, "f", false, "s", "a\"b\\c\n")),
				arguments("T55", map("b", 1L, "2", 2L, "a", 3L, "1", 4L), "{\"1\":4,\"2\":2,\"b\":1,\"a\":3}",
						map("1", 4L, "2", 2L, "b", 1L, "a", 3L)),
				arguments("T57", new Point(1), "{\"x\":1}", map("x", 1L)),
				arguments("T58", map("ok", true, "result", jsMap("a", Instant.EPOCH)),
						"{\"ok\":true,\"result\":{\"__type\":\"Map\",\"value\":[[\"a\"," + EPOCH + "]]}}",
						map("ok", true, "result", jsMap("a", Instant.EPOCH))),
				arguments("T59",
						map("ok", false, "error",
								map("message", "m", "code", "INTERNAL_ERROR", "id", "app.errors.X", "data",
										map("when", Instant.EPOCH))),
						"{\"ok\":false,\"error\":{\"message\":\"m\",\"code\":\"INTERNAL_ERROR\",\"id\":\"app.errors.X\","
								+ "\"data\":{\"when\":" + EPOCH + "}}}",
						map("ok", false, "error", map("message", "m", "code", "INTERNAL_ERROR", "id", "app.errors.X", "data",
								map("when", Instant.EPOCH)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void encodesExactText(String id, Object value, String text, Object decoded) {
		if (value != DECODE_ONLY) {
			assertThat(this.serializer.encodeToString(value)).isEqualTo(text);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void decodes(String id, Object value, String text, Object decoded) {
		Object result = this.serializer.decode(text);
		assertThat(result).isEqualTo(decoded);
		if (decoded instanceof Map<?, ?> expected) {
			assertThat(new ArrayList<Object>(((Map<?, ?>) result).keySet()))
				.containsExactlyElementsOf(new ArrayList<Object>(expected.keySet()));
		}
		if (decoded != null && !(decoded instanceof Map) && !(decoded instanceof List)) {
			assertThat(result).isExactlyInstanceOf(decoded.getClass());
		}
	}

	@Test
	void decodesToDocumentedJavaTypes() {
		assertThat(this.serializer.decode("{\"a\":[1]}")).isExactlyInstanceOf(LinkedHashMap.class);
		assertThat(this.serializer.decode("[1]")).isExactlyInstanceOf(ArrayList.class);
		assertThat(this.serializer.decode("{\"__type\":\"Set\",\"value\":[1]}")).isExactlyInstanceOf(LinkedHashSet.class);
		assertThat(this.serializer.decode("{\"__type\":\"Map\",\"value\":[]}")).isExactlyInstanceOf(JsMap.class);
		assertThat(this.serializer.decode("1.0")).isEqualTo(1.0);
		assertThat(this.serializer.decode("1e2")).isEqualTo(100.0);
		assertThat(this.serializer.decode("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
		assertThat(this.serializer.decode("9223372036854775808")).isEqualTo(9.223372036854775807E18);
		assertThat(this.serializer.decode("-0")).isEqualTo(0L);
	}

	@Test
	void t26TypeErrorWithCustomField() {
		String text = "{\"__type\":\"Error\",\"value\":{\"name\":\"TypeError\",\"message\":\"boom\","
				+ "\"customFields\":{\"code\":\"E_X\"}}}";
		assertThat(this.serializer.encodeToString(new JsError("TypeError", "boom", null, Map.of("code", "E_X"))))
			.isEqualTo(text);
		JsError error = (JsError) this.serializer.decode(text);
		assertThat(error.name()).isEqualTo("TypeError");
		assertThat(error.getMessage()).isEqualTo("boom");
		assertThat(error.customFields()).containsExactly(Map.entry("code", "E_X"));
		assertThat(error.stack()).isNull();
		assertThat(error.hasCause()).isFalse();
	}

	@Test
	void t27ErrorWithCause() {
		String text = "{\"__type\":\"Error\",\"value\":{\"name\":\"Error\",\"message\":\"outer\",\"customFields\":{},"
				+ "\"cause\":\"inner\"}}";
		assertThat(this.serializer.encodeToString(new JsError("Error", "outer", null, Map.of(), true, "inner")))
			.isEqualTo(text);
		JsError error = (JsError) this.serializer.decode(text);
		assertThat(error.name()).isEqualTo("Error");
		assertThat(error.hasCause()).isTrue();
		assertThat(error.causeValue()).isEqualTo("inner");
		assertThat(error.getCause()).isNull();
		assertThat(error.customFields()).isEmpty();
	}

	@Test
	void t28ErrorWithStack() {
		String text = "{\"__type\":\"Error\",\"value\":{\"name\":\"Error\",\"message\":\"m\",\"customFields\":{},"
				+ "\"stack\":\"Error: m\\n    at x\"}}";
		assertThat(this.serializer.encodeToString(new JsError("Error", "m", "Error: m\n    at x", Map.of())))
			.isEqualTo(text);
		JsError error = (JsError) this.serializer.decode(text);
		assertThat(error.stack()).isEqualTo("Error: m\n    at x");
		assertThat(error.hasCause()).isFalse();
	}

	@Test
	void errorWithThrowableCauseIsAlsoJavaCause() {
		JsError error = (JsError) this.serializer.decode("{\"__type\":\"Error\",\"value\":{\"name\":\"Error\","
				+ "\"message\":\"outer\",\"cause\":{\"__type\":\"Error\",\"value\":{\"name\":\"RangeError\","
				+ "\"message\":\"in\"}}}}");
		assertThat(error.getCause()).isInstanceOf(JsError.class).hasMessage("in");
		assertThat(((JsError) error.causeValue()).name()).isEqualTo("RangeError");
	}

	@Test
	void plainThrowableIsEncodedAsError() {
		assertThat(this.serializer.encodeToString(new IllegalStateException("bad")))
			.isEqualTo("{\"__type\":\"Error\",\"value\":{\"name\":\"IllegalStateException\",\"message\":\"bad\","
					+ "\"customFields\":{}}}");
		assertThat(this.serializer.encodeToString(new RuntimeException()))
			.isEqualTo("{\"__type\":\"Error\",\"value\":{\"name\":\"RuntimeException\",\"message\":\"\","
					+ "\"customFields\":{}}}");
	}

	@Test
	void t56SharedObjectIsDuplicatedAndDecodesToDistinctMaps() {
		Map<String, Object> shared = map("x", 1L);
		String text = this.serializer.encodeToString(map("a", shared, "b", shared));
		assertThat(text).isEqualTo("{\"a\":{\"x\":1},\"b\":{\"x\":1}}");
		Map<?, ?> decoded = (Map<?, ?>) this.serializer.decode(text);
		assertThat(decoded.get("a")).isEqualTo(decoded.get("b")).isNotSameAs(decoded.get("b"));
	}

	@Test
	void t58EnvelopeWrittenByCaller() throws Exception {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (JsonGenerator generator = this.serializer.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeBooleanProperty("ok", true);
			generator.writeName("result");
			this.serializer.write(generator, jsMap("a", Instant.EPOCH));
			generator.writeEndObject();
		}
		assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"ok\":true,\"result\":{\"__type\":\"Map\",\"value\":[[\"a\"," + EPOCH + "]]}}");
	}

	@Test
	void t60ContextHeaderDoubleEncoding() {
		String inner = this.serializer.encodeToString("acme");
		String text = this.serializer.encodeToString(map("app.ctx.tenant", inner));
		assertThat(text).isEqualTo("{\"app.ctx.tenant\":\"\\\"acme\\\"\"}");
		Map<?, ?> decoded = (Map<?, ?>) this.serializer.decode(text);
		assertThat(decoded).isEqualTo(Map.of("app.ctx.tenant", "\"acme\""));
		assertThat(this.serializer.decode((String) decoded.get("app.ctx.tenant"))).isEqualTo("acme");
	}

	@Test
	void t45DecodesUnsignedBigIntegers() {
		Object decoded = this.serializer
			.decode("{\"__type\":\"BigUint64Array\",\"value\":[255,255,255,255,255,255,255,255]}");
		assertThat((BigInteger[]) decoded).containsExactly(new BigInteger("18446744073709551615"));
		assertThat((long[]) this.serializer.decode("{\"__type\":\"Uint32Array\",\"value\":[255,255,255,255]}"))
			.containsExactly(4294967295L);
	}

	@Test
	void stringEscapingMatchesJavaScript() {
		assertThat(this.serializer.encodeToString("a/b \u2028\u2029 é 😀 \u0001\u001f\u007f \b\f\t\r"))
			.isEqualTo("\"a/b \u2028\u2029 é 😀 \\u0001\\u001f\u007f \\b\\f\\t\\r\"");
		assertThat(this.serializer.encodeToString("x\uD800y\uDC00")).isEqualTo("\"x\\ud800y\\udc00\"");
		assertThat(this.serializer.encodeToString(map("k\uD800", 1L))).isEqualTo("{\"k\\ud800\":1}");
	}

	static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	static JsMap jsMap(Object... keysAndValues) {
		JsMap map = new JsMap();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	static LinkedHashSet<Object> set(Object... values) {
		return new LinkedHashSet<>(Arrays.asList(values));
	}

	static List<Object> list(Object... values) {
		return new ArrayList<>(Arrays.asList(values));
	}

	record Point(int x) {
	}

}
