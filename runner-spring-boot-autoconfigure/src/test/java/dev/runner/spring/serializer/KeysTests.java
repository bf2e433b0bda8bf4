package dev.runner.spring.serializer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reserved-key escaping (docs/serializer.md §3.3), unsafe keys (§3.4) and JavaScript key order (§3.1).
 */
class KeysTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@ParameterizedTest
	@CsvSource({ "__type, $runner.escape::__type", "__graph, $runner.escape::__graph",
			"$runner.escape::, $runner.escape::$runner.escape::", "$runner.escape::x, $runner.escape::$runner.escape::x",
			"__ref, __ref", "value, value", "_type, _type", "__types, __types", "$runner.escape:, $runner.escape:",
			"a, a" })
	void escapesAndUnescapes(String key, String escaped) {
		assertThat(Keys.escape(key)).isEqualTo(escaped);
		assertThat(Keys.unescape(escaped)).isEqualTo(key);
	}

	@Test
	void unescapesOnlyOnePrefix() {
		assertThat(Keys.unescape("$runner.escape::$runner.escape::a")).isEqualTo("$runner.escape::a");
		assertThat(Keys.unescape("a$runner.escape::")).isEqualTo("a$runner.escape::");
		assertThat(Keys.escape("")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "0, 0", "1, 1", "42, 42", "4294967294, 4294967294", "4294967295, -1", "01, -1", "-1, -1",
			"1.0, -1", "1e3, -1", "' 1', -1", "'', -1", "99999999999, -1", "a1, -1" })
	void recognisesArrayIndexKeys(String key, long index) {
		assertThat(Keys.arrayIndex(key)).isEqualTo(index);
	}

	@Test
	void escapesReservedKeysAtAnyDepthAndRoundTrips() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("__type", "Date");
		inner.put("value", "x");
		inner.put("$runner.escape::y", 1);
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("list", List.of(inner));
		root.put("__graph", true);
		String text = this.serializer.encodeToString(root);
		assertThat(text).isEqualTo("{\"list\":[{\"$runner.escape::__type\":\"Date\",\"value\":\"x\","
				+ "\"$runner.escape::$runner.escape::y\":1}],\"$runner.escape::__graph\":true}");
		assertThat(this.serializer.decode(text)).isEqualTo(Map.of("list", List.of(Map.of("__type", "Date", "value", "x",
				"$runner.escape::y", 1L)), "__graph", true));
	}

	@Test
	void mapKeysAreNeverEscaped() {
		JsMap map = new JsMap();
		map.put("__type", "x");
		assertThat(this.serializer.encodeToString(map))
			.isEqualTo("{\"__type\":\"Map\",\"value\":[[\"__type\",\"x\"]]}");
		assertThat(this.serializer.decode("{\"__type\":\"Map\",\"value\":[[\"$runner.escape::a\",1]]}"))
			.isEqualTo(Map.of("$runner.escape::a", 1L));
	}

	@Test
	void dropsUnsafeKeysOnEncode() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("__proto__", Map.of("polluted", true));
		map.put("constructor", 1);
		map.put("prototype", 2);
		map.put("ok", List.of(Map.of("constructor", 3)));
		assertThat(this.serializer.encodeToString(map)).isEqualTo("{\"ok\":[{}]}");
	}

	@Test
	void dropsUnsafeKeysOnDecodeEvenWhenEscaped() {
		assertThat(this.serializer.decode("{\"$runner.escape::__proto__\":1,\"$runner.escape::constructor\":2,\"ok\":3}"))
			.isEqualTo(Map.of("ok", 3L));
	}

	@Test
	void unsafeKeysKeptInMapsAndArrays() {
		assertThat(this.serializer.decode("{\"__type\":\"Map\",\"value\":[[\"__proto__\",1]]}"))
			.isEqualTo(Map.of("__proto__", 1L));
		assertThat(this.serializer.decode("[\"constructor\"]")).isEqualTo(List.of("constructor"));
	}

	@Test
	void laterUnescapedKeyWinsInPlace() {
		Map<?, ?> decoded = (Map<?, ?>) this.serializer.decode("{\"x\":1,\"y\":2,\"$runner.escape::x\":3}");
		assertThat(decoded).isEqualTo(Map.of("x", 3L, "y", 2L));
		assertThat(List.<Object>copyOf(decoded.keySet())).containsExactly("x", "y");
	}

	@Test
	void ordersArrayIndexKeysFirst() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("b", 1);
		map.put("10", 2);
		map.put("4294967295", 3);
		map.put("2", 4);
		map.put("01", 5);
		map.put("0", 6);
		assertThat(this.serializer.encodeToString(map))
			.isEqualTo("{\"0\":6,\"2\":4,\"10\":2,\"b\":1,\"4294967295\":3,\"01\":5}");
	}

	@Test
	void nonStringKeysMakeAMapRecord() {
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put("a", 1);
		map.put(2, "b");
		assertThat(this.serializer.encodeToString(map)).isEqualTo("{\"__type\":\"Map\",\"value\":[[\"a\",1],[2,\"b\"]]}");
		Map<Object, Object> nullKey = new LinkedHashMap<>();
		nullKey.put(null, 1);
		assertThat(this.serializer.encodeToString(nullKey)).isEqualTo("{\"__type\":\"Map\",\"value\":[[null,1]]}");
		assertThat(this.serializer.encodeToString(new LinkedHashMap<>())).isEqualTo("{}");
		assertThat(this.serializer.encodeToString(new JsMap())).isEqualTo("{\"__type\":\"Map\",\"value\":[]}");
	}

}
