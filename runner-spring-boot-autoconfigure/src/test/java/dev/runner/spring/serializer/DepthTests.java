package dev.runner.spring.serializer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The depth limit of docs/serializer.md §6.1 on decode and encode, and cycle detection on encode.
 */
class DepthTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@Test
	void decodes1000NestedArrays() {
		Object value = this.serializer.decode(nestedArrays(1000));
		for (int i = 0; i < 1000; i++) {
			value = ((List<?>) value).get(0);
		}
		assertThat(value).isEqualTo(0L);
	}

	@Test
	void rejects1001NestedArrays() {
		assertDepthExceeded(nestedArrays(1001));
	}

	@Test
	void rejects100000NestedArraysWithoutStackOverflow() {
		assertDepthExceeded(nestedArrays(100_000));
		assertDepthExceeded("[".repeat(100_000));
	}

	@Test
	void rejects100000NestedObjectsWithoutStackOverflow() {
		assertDepthExceeded("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
	}

	@Test
	void typeRecordPayloadCountsAsOneLevel() {
		// 999 arrays, then a Set record whose payload is level 1000: its elements would be level 1001
		assertThat(this.serializer.decode("[".repeat(999) + "{\"__type\":\"Set\",\"value\":[]}" + "]".repeat(999)))
			.isNotNull();
		assertDepthExceeded("[".repeat(999) + "{\"__type\":\"Set\",\"value\":[1]}" + "]".repeat(999));
	}

	@Test
	void rejectsDeepGraphEnvelope() {
		String deepRoot = "{\"__graph\":true,\"nodes\":{},\"root\":" + nestedArrays(1001) + "}";
		assertThat(this.serializer.decode("{\"__graph\":true,\"nodes\":{},\"root\":" + nestedArrays(1000) + "}"))
			.isInstanceOf(List.class);
		assertDepthExceeded(deepRoot);
		String deepNodes = "{\"__graph\":true,\"root\":1,\"nodes\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
		assertDepthExceeded(deepNodes);
		assertDepthExceeded("{\"__graph\":true,\"nodes\":{},\"root\":" + "{\"a\":".repeat(100_000) + "1"
				+ "}".repeat(100_000) + "}");
	}

	@Test
	void encodes1000NestedLists() {
		assertThat(this.serializer.encodeToString(nestedLists(1000))).isEqualTo(nestedArrays(1000));
	}

	@Test
	void refusesToEncode1001NestedLists() {
		RunnerSerializationException ex = SerializerAssertions.encodeFailure(this.serializer, nestedLists(1001));
		assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.DEPTH_EXCEEDED);
		assertThat(ex.getMessage()).isEqualTo("Maximum depth exceeded (1000)");
	}

	@Test
	void refusesToEncode100000NestedMapsWithoutStackOverflow() {
		Map<String, Object> root = new LinkedHashMap<>();
		Map<String, Object> current = root;
		for (int i = 0; i < 100_000; i++) {
			Map<String, Object> next = new LinkedHashMap<>();
			current.put("a", next);
			current = next;
		}
		assertThat(SerializerAssertions.encodeFailure(this.serializer, root).errorId())
			.isEqualTo(RunnerSerializationException.DEPTH_EXCEEDED);
	}

	@Test
	void refusesCycleThroughList() {
		List<Object> list = new ArrayList<>();
		list.add(1);
		list.add(list);
		assertCircular(list);
	}

	@Test
	void refusesCycleThroughMaps() {
		Map<String, Object> a = new LinkedHashMap<>();
		Map<String, Object> b = new LinkedHashMap<>();
		a.put("b", b);
		b.put("a", a);
		assertCircular(Map.of("root", a));
	}

	@Test
	void refusesCycleThroughBean() {
		Node node = new Node();
		node.setName("n");
		node.setNext(node);
		assertCircular(node);
	}

	@Test
	void refusesCycleThroughMapRecord() {
		JsMap map = new JsMap();
		map.put(1L, map);
		assertCircular(map);
	}

	private void assertCircular(Object value) {
		RunnerSerializationException ex = SerializerAssertions.encodeFailure(this.serializer, value);
		assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.TYPE_ERROR);
		assertThat(ex.getMessage()).isEqualTo("Cannot serialize circular structure in tree mode");
	}

	private void assertDepthExceeded(String text) {
		RunnerSerializationException ex = SerializerAssertions.decodeFailure(this.serializer, text);
		assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.DEPTH_EXCEEDED);
		assertThat(ex.getMessage()).isEqualTo("Maximum depth exceeded (1000)");
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		assertThat(catchThrowableOfType(RunnerSerializationException.class,
				() -> this.serializer.decode(new ByteArrayInputStream(bytes))).errorId())
			.isEqualTo(RunnerSerializationException.DEPTH_EXCEEDED);
	}

	static String nestedArrays(int depth) {
		return "[".repeat(depth) + "0" + "]".repeat(depth);
	}

	private static Object nestedLists(int depth) {
		Object value = 0;
		for (int i = 0; i < depth; i++) {
			List<Object> list = new ArrayList<>();
			list.add(value);
			value = list;
		}
		return value;
	}

	public static class Node {

		private String name;

		private Node next;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Node getNext() {
			return this.next;
		}

		public void setNext(Node next) {
			this.next = next;
		}

	}

}
