package dev.runner.bench.jmh;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result ({@code -rf json}) of these benchmarks into a Markdown table: throughput and allocation per
 * operation of the runner serializer next to plain Jackson, with the ratio, and the time to generate the contracts
 * next to victools alone. Run by {@code runner-benchmarks/jmh}.
 *
 * @since 0.1.0
 */
public final class JmhSummary {

	private JmhSummary() {
	}

	/**
	 * Prints the table.
	 * @param args the JSON result file
	 */
	public static void main(String[] args) {
		JsonNode results = JsonMapper.builder().build().readTree(new File(args[0]));
		Map<String, double[]> scores = new LinkedHashMap<>();
		for (JsonNode result : results) {
			String method = result.get("benchmark").asString().replaceAll(".*\\.", "");
			String vector = result.path("params").path("vector").asString("");
			String clazz = result.get("benchmark").asString().replaceAll(".*\\.(\\w+)\\.\\w+$", "$1");
			double score = result.path("primaryMetric").path("score").asDouble();
			double alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
			scores.put(clazz + "|" + vector + "|" + method, new double[] { score, alloc });
		}
		StringBuilder out = new StringBuilder();
		out.append("| benchmark | vector | runner ops/ms | Jackson ops/ms | runner/Jackson | runner B/op | Jackson B/op |\n");
		out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
		row(out, scores, "SerializerBenchmark", "decode", "runnerDecode", "jacksonDecode");
		row(out, scores, "SerializerBenchmark", "encode", "runnerEncode", "jacksonEncode");
		row(out, scores, "BindBenchmark", "bytes to parameter", "runnerDecodeAndConvert", "jacksonBind");
		String contracts = contracts(scores);
		if (!contracts.isEmpty()) {
			out.append("\n| contracts at start-up | runner ms | victools alone ms | runner/victools |\n")
				.append("| --- | ---: | ---: | ---: |\n")
				.append(contracts);
		}
		System.out.print(out);
	}

	/**
	 * The rows of {@code ContractBenchmark} (average time per generation): the starter's contracts against victools
	 * describing the same types.
	 */
	private static String contracts(Map<String, double[]> scores) {
		StringBuilder out = new StringBuilder();
		for (String key : scores.keySet()) {
			String[] parts = key.split("\\|");
			if (!parts[0].equals("ContractBenchmark") || !parts[2].equals("runnerContracts")) {
				continue;
			}
			double[] victools = scores.get("ContractBenchmark|" + parts[1] + "|victoolsSchemas");
			if (victools != null) {
				double runner = scores.get(key)[0];
				out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2fx |%n", parts[1], runner, victools[0],
						runner / victools[0]));
			}
		}
		return out.toString();
	}

	private static void row(StringBuilder out, Map<String, double[]> scores, String clazz, String label, String runner,
			String jackson) {
		for (String key : scores.keySet()) {
			String[] parts = key.split("\\|");
			if (!parts[0].equals(clazz) || !parts[2].equals(runner)) {
				continue;
			}
			double[] r = scores.get(key);
			double[] j = scores.get(clazz + "|" + parts[1] + "|" + jackson);
			if (j == null) {
				continue;
			}
			out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2fx | %.0f | %.0f |%n", label, parts[1],
					r[0], j[0], r[0] / j[0], r[1], j[1]));
		}
	}

}
