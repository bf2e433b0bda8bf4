package dev.runner.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.runner.bench.load.LoadBenchmark.Measurement;

/**
 * The Markdown tables of the load benchmark: medians over the rounds, ratios to the other targets next to the
 * issue's goals, and every round's numbers.
 *
 * @since 0.1.0
 */
final class Report {

	private Report() {
	}

	static String summary(Options options, List<Measurement> measurements, Map<Target, Long> peakRssKib) {
		StringBuilder out = new StringBuilder();
		out.append("## Medians over ").append(options.rounds).append(" rounds\n\n");
		out.append("| workload | target | req/s (min-max) | p50 ms | p99 ms | server CPU us/request | peak RSS MiB |\n");
		out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Workload workload : options.workloads) {
			for (Target target : options.targets) {
				List<Wrk.Result> results = results(measurements, workload, target);
				if (results.isEmpty()) {
					continue;
				}
				List<Double> rps = results.stream().map(Wrk.Result::rps).toList();
				long rss = measurements.stream()
					.filter((m) -> m.workload() == workload && m.target() == target)
					.mapToLong(Measurement::peakRssKib)
					.max()
					.orElse(-1);
				out.append(String.format(Locale.ROOT, "| %s | %s | %.0f (%.0f-%.0f) | %.2f | %.2f | %.1f | %d |\n",
						workload.id(), target.id(), median(rps), min(rps), max(rps),
						median(results.stream().map(Wrk.Result::p50Ms).toList()),
						median(results.stream().map(Wrk.Result::p99Ms).toList()),
						medianCpu(measurements, workload, target), rss / 1024));
			}
		}
		out.append("\n## Ratios of the medians (goal in brackets)\n\n");
		out.append("| workload | starter/bare req/s | starter/bare p99 | starter/node req/s | bare/node req/s "
				+ "| starter/bare CPU per request | node/starter CPU per request |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Workload workload : options.workloads) {
			double starter = medianRps(measurements, workload, Target.STARTER);
			double bare = medianRps(measurements, workload, Target.BARE);
			double node = medianRps(measurements, workload, Target.NODE);
			String bareGoal = switch (workload) {
				case ADD, EVENT -> " (>= 0.85)";
				case HI -> " (>= 0.80)";
				default -> "";
			};
			String p99Goal = (workload == Workload.ADD || workload == Workload.EVENT) ? " (<= 1.2)" : "";
			out.append("| ").append(workload.id()).append(" | ").append(ratio(starter, bare)).append(bareGoal)
				.append(" | ")
				.append(ratio(medianP99(measurements, workload, Target.STARTER),
						medianP99(measurements, workload, Target.BARE)))
				.append(p99Goal)
				.append(" | ")
				.append(ratio(starter, node))
				.append(" (>= 4)")
				.append(" | ")
				.append(ratio(bare, node))
				.append(" | ")
				.append(ratio(medianCpu(measurements, workload, Target.STARTER),
						medianCpu(measurements, workload, Target.BARE)))
				.append(" | ")
				.append(ratio(medianCpu(measurements, workload, Target.NODE),
						medianCpu(measurements, workload, Target.STARTER)))
				.append(" |\n");
		}
		List<Target> starters = options.targets.contains(Target.DIRECT) ? List.of(Target.STARTER, Target.DIRECT)
				: List.of(Target.STARTER);
		for (Target starter : starters) {
			if (options.targets.contains(Target.BRAHMA)) {
				versus(out, options, measurements, starter, Target.BRAHMA, (workload) -> switch (workload) {
					case ADD, EVENT -> " (>= 1.2)";
					case HI -> " (>= 1.5)";
					default -> "";
				}, " (<= 1.0)");
			}
			if (options.targets.contains(Target.CEILING)) {
				versus(out, options, measurements, starter, Target.CEILING,
						(workload) -> (workload == Workload.ADD) ? " (>= 0.7)" : "", "");
			}
		}
		if (options.targets.contains(Target.DIRECT)) {
			versus(out, options, measurements, Target.DIRECT, Target.STARTER, (workload) -> "", "");
		}
		Long starterRss = peakRssKib.get(Target.STARTER);
		Long bareRss = peakRssKib.get(Target.BARE);
		out.append("\nPeak RSS (VmHWM) over the whole run: ");
		peakRssKib.forEach((target, kib) -> out.append(target.id()).append(' ').append(kib / 1024).append(" MiB, "));
		if (starterRss != null && bareRss != null) {
			out.append("starter/bare ").append(ratio(starterRss, bareRss)).append(" (<= 1.15)");
		}
		out.append("\n\nServer CPU per request = the server process's CPU time (all threads, from /proc/PID/stat) during ")
			.append("the measurement divided by the requests served: less sensitive than req/s to other load on the ")
			.append("server's CPU.\n");
		return out.toString();
	}

	/**
	 * A table of the starter (on either route) against one other target: requests/s, p99 and CPU per request, starter
	 * over other.
	 */
	private static void versus(StringBuilder out, Options options, List<Measurement> measurements, Target starter,
			Target other, java.util.function.Function<Workload, String> rpsGoal, String p99Goal) {
		String name = starter.id() + "/" + other.id();
		out.append("\n| workload | ").append(name).append(" req/s | ").append(name).append(" p99 | ").append(name)
			.append(" CPU per request |\n| --- | ---: | ---: | ---: |\n");
		for (Workload workload : options.workloads) {
			out.append("| ").append(workload.id()).append(" | ")
				.append(ratio(medianRps(measurements, workload, starter), medianRps(measurements, workload, other)))
				.append(rpsGoal.apply(workload))
				.append(" | ")
				.append(ratio(medianP99(measurements, workload, starter), medianP99(measurements, workload, other)))
				.append(p99Goal)
				.append(" | ")
				.append(ratio(medianCpu(measurements, workload, starter), medianCpu(measurements, workload, other)))
				.append(" |\n");
		}
	}

	static String rounds(List<Measurement> measurements) {
		StringBuilder out = new StringBuilder("## Every measurement\n\n");
		out.append("| round | workload | target | req/s | p50 ms | p99 ms | CPU us/request | requests | errors "
				+ "| peak RSS MiB |\n");
		out.append("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Measurement m : measurements) {
			Wrk.Result r = m.result();
			out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.2f | %.2f | %.1f | %d | %d | %d |\n",
					m.round(), m.workload().id(), m.target().id(), r.rps(), r.p50Ms(), r.p99Ms(),
					m.cpuMicrosPerRequest(), r.requests(), r.errors(), m.peakRssKib() / 1024));
		}
		return out.toString();
	}

	private static List<Wrk.Result> results(List<Measurement> measurements, Workload workload, Target target) {
		return measurements.stream()
			.filter((m) -> m.workload() == workload && m.target() == target)
			.map(Measurement::result)
			.toList();
	}

	private static double medianRps(List<Measurement> measurements, Workload workload, Target target) {
		return median(results(measurements, workload, target).stream().map(Wrk.Result::rps).toList());
	}

	private static double medianCpu(List<Measurement> measurements, Workload workload, Target target) {
		return median(measurements.stream()
			.filter((m) -> m.workload() == workload && m.target() == target)
			.map(Measurement::cpuMicrosPerRequest)
			.filter((cpu) -> !cpu.isNaN())
			.toList());
	}

	private static double medianP99(List<Measurement> measurements, Workload workload, Target target) {
		return median(results(measurements, workload, target).stream().map(Wrk.Result::p99Ms).toList());
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static String ratio(double a, double b) {
		return (Double.isNaN(a) || Double.isNaN(b) || b == 0) ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
	}

}
