package dev.runner.spring.serializer;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph vectors G1-G11 of docs/serializer.md §10.2, plus identity and cycle cases of §4.3.
 */
class GraphVectorsTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@Test
	void g1SingleObjectNode() {
		assertThat(decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":{\"obj_1\":"
				+ "{\"kind\":\"object\",\"value\":{\"a\":1}}}}")).isEqualTo(Map.of("a", 1L));
	}

	@Test
	void g2SharedReferenceKeepsIdentity() {
		Map<?, ?> root = (Map<?, ?>) decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":"
				+ "{\"obj_2\":{\"kind\":\"object\",\"value\":{\"x\":1}},\"obj_1\":{\"kind\":\"object\",\"value\":"
				+ "{\"a\":{\"__ref\":\"obj_2\"},\"b\":{\"__ref\":\"obj_2\"}}}}}");
		assertThat(root.get("a")).isEqualTo(Map.of("x", 1L)).isSameAs(root.get("b"));
	}

	@Test
	void g3SelfCycle() {
		Map<?, ?> root = (Map<?, ?>) decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":"
				+ "{\"obj_1\":{\"kind\":\"object\",\"value\":{\"n\":\"root\",\"self\":{\"__ref\":\"obj_1\"}}}}}");
		assertThat(root.get("n")).isEqualTo("root");
		assertThat(root.get("self")).isSameAs(root);
	}

	@Test
	void g4MapTypeNode() {
		assertThat(decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":{\"obj_3\":"
				+ "{\"kind\":\"array\",\"value\":[\"k\",{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"}]},"
				+ "\"obj_2\":{\"kind\":\"array\",\"value\":[{\"__ref\":\"obj_3\"}]},\"obj_1\":{\"kind\":\"type\","
				+ "\"type\":\"Map\",\"value\":{\"__ref\":\"obj_2\"}}}}"))
			.isInstanceOf(JsMap.class)
			.isEqualTo(Map.of("k", Instant.EPOCH));
	}

	@Test
	@SuppressWarnings("unchecked")
	void g5SetNodeAndInlineRegExpWithReferencedPayload() {
		List<Object> root = (List<Object>) decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":"
				+ "{\"obj_3\":{\"kind\":\"array\",\"value\":[1]},\"obj_2\":{\"kind\":\"type\",\"type\":\"Set\",\"value\":"
				+ "{\"__ref\":\"obj_3\"}},\"obj_4\":{\"kind\":\"object\",\"value\":{\"pattern\":\"x\",\"flags\":\"g\"}},"
				+ "\"obj_1\":{\"kind\":\"array\",\"value\":[{\"__ref\":\"obj_2\"},{\"__type\":\"RegExp\",\"value\":"
				+ "{\"__ref\":\"obj_4\"}}]}}}");
		assertThat(root).containsExactly(new LinkedHashSet<>(List.of(1L)), new JsRegExp("x", "g"));
	}

	@Test
	void g6NodeContentsAreNeverTypeRecords() {
		assertThat(decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":{\"obj_1\":"
				+ "{\"kind\":\"object\",\"value\":{\"__type\":\"x\",\"value\":1}}}}"))
			.isEqualTo(Map.of("__type", "x", "value", 1L));
	}

	@Test
	void g7NoUnescapingInGraphMode() {
		assertThat(decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"a\"},\"nodes\":{\"a\":"
				+ "{\"kind\":\"object\",\"value\":{\"$runner.escape::__type\":\"x\"}}}}"))
			.isEqualTo(Map.of("$runner.escape::__type", "x"));
	}

	@Test
	void g8InlineTypedRoot() {
		assertThat(decode("{\"__graph\":true,\"version\":1,\"root\":{\"__type\":\"Date\",\"value\":"
				+ "\"1970-01-01T00:00:00.000Z\"},\"nodes\":{}}")).isEqualTo(Instant.EPOCH);
	}

	@Test
	void g9VersionIgnored() {
		assertThat(decode("{\"__graph\":true,\"version\":99,\"root\":1,\"nodes\":{}}")).isEqualTo(1L);
	}

	@Test
	void g10WithoutNodesIsTree() {
		assertThat(decode("{\"__graph\":true,\"root\":1}")).isEqualTo(Map.of("__graph", true, "root", 1L));
	}

	@Test
	void g11TaskBody() {
		Map<?, ?> body = (Map<?, ?>) decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":"
				+ "{\"obj_1\":{\"kind\":\"object\",\"value\":{\"input\":{\"__ref\":\"obj_2\"}}},\"obj_2\":"
				+ "{\"kind\":\"object\",\"value\":{\"a\":1}}}}");
		assertThat(body.get("input")).isEqualTo(Map.of("a", 1L));
	}

	@Test
	void envelopeKeysInAnyOrderAndNodesAsArray() {
		assertThat(decode("{\"nodes\":[{\"kind\":\"array\",\"value\":[2]}],\"root\":{\"__ref\":\"0\"},\"__graph\":true}"))
			.isEqualTo(List.of(2L));
	}

	@Test
	void graphFlagMustBeTrue() {
		assertThat(decode("{\"__graph\":1,\"root\":{\"__ref\":\"a\"},\"nodes\":{}}"))
			.isEqualTo(Map.of("__graph", 1L, "root", Map.of("__ref", "a"), "nodes", Map.of()));
		assertThat(decode("{\"__graph\":true,\"root\":1,\"nodes\":null}")).isEqualTo(nullMap());
	}

	private static Map<String, Object> nullMap() {
		Map<String, Object> map = new java.util.HashMap<>();
		map.put("__graph", true);
		map.put("root", 1L);
		map.put("nodes", null);
		return map;
	}

	@Test
	void nestedEnvelopeIsData() {
		assertThat(decode("{\"input\":{\"__graph\":true,\"root\":1,\"nodes\":{}}}"))
			.isEqualTo(Map.of("input", Map.of("__graph", true, "root", 1L, "nodes", Map.of())));
	}

	@Test
	void treeValuesInsideGraphEnvelopeKeysAreNotTreeDecoded() {
		// a RegExp whose payload is a reference would be invalid in tree mode
		assertThat(decode("{\"root\":{\"__type\":\"RegExp\",\"value\":{\"__ref\":\"p\"}},\"__graph\":true,"
				+ "\"nodes\":{\"p\":{\"kind\":\"object\",\"value\":{\"pattern\":\"a\",\"flags\":\"\"}}}}"))
			.isEqualTo(new JsRegExp("a", ""));
	}

	@Test
	void cycleThroughMapNode() {
		JsMap map = (JsMap) decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"m\"},\"nodes\":{\"m\":"
				+ "{\"kind\":\"type\",\"type\":\"Map\",\"value\":[[\"self\",{\"__ref\":\"m\"}]]}}}");
		assertThat(map.get("self")).isSameAs(map);
	}

	@Test
	void cycleThroughSetNode() {
		Set<?> set = (Set<?>) decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"s\"},\"nodes\":{\"s\":"
				+ "{\"kind\":\"type\",\"type\":\"Set\",\"value\":[{\"__ref\":\"o\"}]},\"o\":{\"kind\":\"object\","
				+ "\"value\":{\"owner\":{\"__ref\":\"s\"}}}}}");
		Map<?, ?> element = (Map<?, ?>) set.iterator().next();
		assertThat(element.get("owner")).isSameAs(set);
	}

	@Test
	void cycleThroughTypeWithoutFactoryFails() {
		assertThat(SerializerAssertions.decodeFailure(this.serializer, "{\"__graph\":true,\"version\":1,\"root\":"
				+ "{\"__ref\":\"e\"},\"nodes\":{\"e\":{\"kind\":\"type\",\"type\":\"Error\",\"value\":{\"name\":\"E\","
				+ "\"message\":\"m\",\"cause\":{\"__ref\":\"e\"}}}}}"))
			.satisfies((ex) -> {
				assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.VALIDATION);
				assertThat(ex.getMessage()).startsWith("Cannot preserve circular references for a type without create()");
			});
	}

	@Test
	void unknownTypeNode() {
		assertThat(SerializerAssertions.decodeFailure(this.serializer, "{\"__graph\":true,\"root\":{\"__ref\":\"a\"},"
				+ "\"nodes\":{\"a\":{\"kind\":\"type\",\"type\":\"Nope\",\"value\":1}}}"))
			.satisfies((ex) -> assertThat(ex.getMessage()).isEqualTo("Unknown type: Nope"));
	}

	@Test
	void unsafeKeysDroppedInGraphObjects() {
		assertThat(decode("{\"__graph\":true,\"root\":{\"__ref\":\"a\"},\"nodes\":{\"a\":{\"kind\":\"object\","
				+ "\"value\":{\"__proto__\":{\"x\":1},\"ok\":1}}}}")).isEqualTo(Map.of("ok", 1L));
		assertThat(decode("{\"__graph\":true,\"root\":{\"constructor\":1,\"b\":2},\"nodes\":{}}"))
			.isEqualTo(Map.of("b", 2L));
	}

	private Object decode(String text) {
		return this.serializer.decode(text);
	}

}
