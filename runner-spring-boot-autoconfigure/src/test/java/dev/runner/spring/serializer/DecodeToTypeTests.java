package dev.runner.spring.serializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RunnerSerializer#decode(byte[], java.lang.reflect.Type)}: plain JSON read straight into the type, anything
 * with runner values through the decoded tree, the same result either way.
 */
class DecodeToTypeTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@Test
	void tellsPlainJsonFromRunnerJson() {
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"ok\":true,\"result\":[{\"a\":1,\"b\":\"x_y\"}]}"))).isTrue();
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"at\":{\"__type\":\"Date\",\"value\":0}}"))).isFalse();
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"__graph\":true}"))).isFalse();
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"$runner.escape::__type\":1}"))).isFalse();
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"constructor\":1}"))).isFalse();
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"prototype\":1}"))).isFalse();
		assertThat(RunnerSerializer.isPlainJson(bytes("{\"prototypes\":1,\"constructors\":2}"))).isTrue();
	}

	@Test
	void givesTheSameValueOnBothPaths() {
		ParameterizedTypeReference<List<Line>> lines = new ParameterizedTypeReference<>() {
		};
		byte[] plain = bytes("[{\"sku\":\"a\",\"qty\":2,\"extra\":{\"n\":1,\"list\":[1,2.5]}}]");
		byte[] typed = bytes("[{\"sku\":\"a\",\"qty\":2,\"extra\":{\"n\":1,\"list\":[1,2.5]},"
				+ "\"at\":{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}}]");
		Object fast = this.serializer.decode(plain, lines.getType());
		assertThat(fast).isEqualTo(this.serializer.convert(this.serializer.decode(plain), lines.getType()))
			.isEqualTo(List.of(new Line("a", 2, Map.of("n", 1L, "list", List.of(1L, 2.5)), null)));
		assertThat(this.serializer.decode(typed, lines.getType())).isEqualTo(
				List.of(new Line("a", 2, Map.of("n", 1L, "list", List.of(1L, 2.5)),
						Instant.parse("2024-01-02T03:04:05.678Z"))));
	}

	@Test
	void keepsRunnerValuesForAnObjectTarget() {
		assertThat(this.serializer.decode(bytes("{\"n\":1}"), Object.class)).isEqualTo(Map.of("n", 1L));
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	record Line(String sku, int qty, Map<String, Object> extra, Instant at) {
	}

}
