package dev.runner.bench.load;

import java.util.List;
import java.util.Locale;

/**
 * The tables of the client suite: per workload, the median over the rounds of each client's calls/s, p50, p99 and
 * CPU per call, and the Java client's ratios to the plain {@code WebClient} (goal: at least 0.9x its calls/s).
 *
 * @since 0.2.0
 */
final class ClientReport {

	private ClientReport() {
	}

	/**
	 * One measurement.
	 * @param round the round
	 * @param workload the workload
	 * @param client {@link ClientBenchmark#RUNNER} or {@link ClientBenchmark#PLAIN}
	 * @param rate calls per second
	 * @param p50Ms median latency, ms
	 * @param p99Ms 99th percentile latency, ms
	 * @param clientCpuMicros CPU of this harness per call, us
	 * @param serverCpuMicros CPU of the server per call, us
	 * @param errors wrong or failed answers
	 */
	record Row(int round, Workload workload, String client, double rate, double p50Ms, double p99Ms,
			double clientCpuMicros, double serverCpuMicros, long errors) {
	}

	static String summary(Options options, List<Row> rows) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "## Java client against a plain WebClient (median of %d rounds of %d s, "
				+ "%d calls in flight)%n%n", options.rounds, options.duration, options.connections));
		out.append("| workload | client | calls/s | p50 ms | p99 ms | client CPU us/call | server CPU us/call | "
				+ "errors |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
		for (Workload workload : List.of(Workload.ADD, Workload.HI)) {
			for (String client : List.of(ClientBenchmark.RUNNER, ClientBenchmark.PLAIN)) {
				List<Row> of = of(rows, workload, client);
				out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.1f | %.1f | %d |%n",
						workload.id(), client, SocketReport.median(of, Row::rate), SocketReport.median(of, Row::p50Ms),
						SocketReport.median(of, Row::p99Ms), SocketReport.median(of, Row::clientCpuMicros),
						SocketReport.median(of, Row::serverCpuMicros), of.stream().mapToLong(Row::errors).sum()));
			}
		}
		out.append("\n| workload | runner-client/webclient calls/s (goal >= 0.9) | min-max over rounds | client CPU "
				+ "per call, runner/plain |\n|---|---:|---|---:|\n");
		for (Workload workload : List.of(Workload.ADD, Workload.HI)) {
			List<Row> runner = of(rows, workload, ClientBenchmark.RUNNER);
			List<Row> plain = of(rows, workload, ClientBenchmark.PLAIN);
			double[] ratios = runner.stream()
				.mapToDouble((row) -> row.rate() / plain.stream()
					.filter((other) -> other.round() == row.round())
					.mapToDouble(Row::rate)
					.findFirst()
					.orElse(Double.NaN))
				.sorted()
				.toArray();
			out.append(String.format(Locale.ROOT, "| %s | %.2fx | %.2f-%.2f | %.2fx |%n", workload.id(),
					SocketReport.median(runner, Row::rate) / SocketReport.median(plain, Row::rate), ratios[0],
					ratios[ratios.length - 1], SocketReport.median(runner, Row::clientCpuMicros)
							/ SocketReport.median(plain, Row::clientCpuMicros)));
		}
		return out.toString();
	}

	static String rounds(List<Row> rows) {
		StringBuilder out = new StringBuilder("## Every round\n\n| round | workload | client | calls/s | p50 ms | p99 ms "
				+ "| client CPU us/call | server CPU us/call | errors |\n|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
		for (Row row : rows) {
			out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.2f | %.2f | %.1f | %.1f | %d |%n",
					row.round(), row.workload().id(), row.client(), row.rate(), row.p50Ms(), row.p99Ms(),
					row.clientCpuMicros(), row.serverCpuMicros(), row.errors()));
		}
		return out.toString();
	}

	private static List<Row> of(List<Row> rows, Workload workload, String client) {
		return rows.stream().filter((row) -> row.workload() == workload && row.client().equals(client)).toList();
	}

}
