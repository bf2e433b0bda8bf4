package dev.runner.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.runner.bench.BenchData;

/**
 * The documents the serializer benchmarks read and write: a few vectors of docs/serializer.md §10 and the ~24 KB
 * document of the {@code hi} workload.
 *
 * @since 0.1.0
 */
final class Vectors {

	/** The {@code add} request body. */
	static final String ADD = "{\"input\":{\"a\":1,\"b\":2}}";

	/** The ~24 KB {@code hi} result, a list of 200 records. */
	static final String HI_24K = JsonMapper.builder().build().writeValueAsString(BenchData.ITEMS);

	/** Vectors by name; T5, T52 and G11 are docs/serializer.md §10's. */
	static final Map<String, String> ALL = Map.of("add", ADD,
			"T5", "[0.1,1e-7,123456789012345680000,9007199254740994,-1.5e+300]",
			"T52", "{\"when\":{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"},\"tags\":{\"__type\":\"Set\","
					+ "\"value\":[\"x\"]},\"meta\":{\"__type\":\"Map\",\"value\":[[\"k\",{\"n\":{\"__type\":\"BigInt\","
					+ "\"value\":\"1\"}}]]}}",
			"G11", "{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":{\"obj_1\":{\"kind\":"
					+ "\"object\",\"value\":{\"input\":{\"__ref\":\"obj_2\"}}},\"obj_2\":{\"kind\":\"object\",\"value\":"
					+ "{\"a\":1}}}}",
			"hi24k", HI_24K);

	private Vectors() {
	}

	static byte[] bytes(String name) {
		String text = ALL.get(name);
		if (text == null) {
			throw new IllegalArgumentException("unknown vector " + name);
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
