package dev.runner.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown tables of the socket suite: medians over the rounds, ratios next to the goals, memory per
 * socket, and every round's numbers.
 *
 * @since 0.1.0
 */
final class SocketReport {

	private SocketReport() {
	}

	/**
	 * One measurement of task calls.
	 * @param round the round
	 * @param workload the workload
	 * @param transport {@code http} (wrk) or {@code socket}
	 * @param rps answers per second
	 * @param p50Ms median latency, ms
	 * @param p99Ms 99th percentile latency, ms
	 * @param cpuMicros server CPU per call, microseconds
	 * @param errors wrong answers
	 * @param harnessCpu the socket client's CPU use in percent of one CPU, {@code NaN} for wrk
	 */
	record Call(int round, Workload workload, String transport, double rps, double p50Ms, double p99Ms,
			double cpuMicros, long errors, double harnessCpu) {
	}

	/**
	 * One fan-out measurement.
	 * @param round the round
	 * @param target the server
	 * @param sockets subscribers
	 * @param messagesPerSecond messages received per second, all subscribers together
	 * @param publicationsPerSecond publications received by every subscriber per second
	 * @param p50Ms median publish-to-receive latency, ms
	 * @param p99Ms 99th percentile, ms
	 * @param cpuMicros server CPU per delivered message, microseconds
	 * @param harnessCpu the client's CPU use in percent of one CPU
	 * @param lost publications given up plus wrong messages
	 */
	record Fan(int round, Target target, int sockets, double messagesPerSecond, double publicationsPerSecond,
			double p50Ms, double p99Ms, double cpuMicros, double harnessCpu, long lost) {
	}

	static String summary(Options options, List<Call> calls, List<Fan> fans, Map<Target, Map<Integer, long[]>> memory,
			Map<Target, Map<Integer, ClassHistogram>> histograms) {
		StringBuilder out = new StringBuilder();
		if (!calls.isEmpty()) {
			out.append("## Task calls: the starter's socket against its own HTTP tunnel, medians over ")
				.append(options.rounds)
				.append(" rounds\n\n")
				.append("HTTP: wrk, ").append(options.connections).append(" connections, one request each at a time. ")
				.append("Socket: ").append(options.socketClients).append(" sockets, ").append(options.inFlight)
				.append(" calls in flight on each.\n\n");
			out.append("| workload | transport | calls/s (min-max) | p50 ms | p99 ms | server CPU us/call | client CPU % |\n");
			out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
			for (Workload workload : options.workloads) {
				for (String transport : List.of("http", "socket")) {
					List<Call> rows = calls.stream()
						.filter((c) -> c.workload() == workload && c.transport().equals(transport))
						.toList();
					if (rows.isEmpty()) {
						continue;
					}
					out.append(String.format(Locale.ROOT, "| %s | %s | %.0f (%.0f-%.0f) | %.2f | %.2f | %.1f | %s |\n",
							workload.id(), transport, median(rows, Call::rps), min(rows, Call::rps),
							max(rows, Call::rps), median(rows, Call::p50Ms), median(rows, Call::p99Ms),
							median(rows, Call::cpuMicros),
							transport.equals("http") ? "(wrk)" : String.format(Locale.ROOT, "%.0f",
									median(rows, Call::harnessCpu))));
				}
			}
			out.append("\n| workload | socket/HTTP calls/s | HTTP/socket server CPU per call |\n| --- | ---: | ---: |\n");
			for (Workload workload : options.workloads) {
				List<Call> http = calls.stream().filter((c) -> c.workload() == workload && c.transport().equals("http")).toList();
				List<Call> socket = calls.stream().filter((c) -> c.workload() == workload && c.transport().equals("socket")).toList();
				if (http.isEmpty() || socket.isEmpty()) {
					continue;
				}
				out.append(String.format(Locale.ROOT, "| %s | %.2fx%s | %.2fx |\n", workload.id(),
						median(socket, Call::rps) / median(http, Call::rps), (workload == Workload.ADD) ? " (>= 2)" : "",
						median(http, Call::cpuMicros) / median(socket, Call::cpuMicros)));
			}
			out.append('\n');
		}
		if (!fans.isEmpty()) {
			out.append("## Fan-out: one publisher, at most one publication per ms and ").append(options.window)
				.append(" not yet everywhere, medians over ").append(options.rounds).append(" rounds\n\n");
			out.append("| subscribers | target | messages/s (min-max) | publications/s | p50 ms | p99 ms "
					+ "| server CPU us/message | client CPU % | lost |\n");
			out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
			for (int size : options.sockets) {
				for (Target target : options.targets) {
					List<Fan> rows = fans(fans, target, size);
					if (rows.isEmpty()) {
						continue;
					}
					out.append(String.format(Locale.ROOT,
							"| %d | %s | %.0f (%.0f-%.0f) | %.0f | %.2f | %.2f | %.2f | %.0f | %d |\n", size,
							target.id(), median(rows, Fan::messagesPerSecond), min(rows, Fan::messagesPerSecond),
							max(rows, Fan::messagesPerSecond), median(rows, Fan::publicationsPerSecond),
							median(rows, Fan::p50Ms), median(rows, Fan::p99Ms), median(rows, Fan::cpuMicros),
							median(rows, Fan::harnessCpu), rows.stream().mapToLong(Fan::lost).sum()));
				}
			}
			out.append("\n| subscribers | starter/bare messages/s | starter/node messages/s | starter/bare p99 "
					+ "| starter/bare server CPU per message |\n| ---: | ---: | ---: | ---: | ---: |\n");
			for (int size : options.sockets) {
				List<Fan> starter = fans(fans, Target.STARTER, size);
				List<Fan> bare = fans(fans, Target.BARE, size);
				List<Fan> node = fans(fans, Target.NODE, size);
				out.append(String.format(Locale.ROOT, "| %d | %s (>= 0.8) | %s (> 1) | %s | %s |\n", size,
						ratio(starter, bare, Fan::messagesPerSecond), ratio(starter, node, Fan::messagesPerSecond),
						ratio(starter, bare, Fan::p99Ms), ratio(starter, bare, Fan::cpuMicros)));
			}
			out.append('\n');
		}
		if (!memory.isEmpty()) {
			out.append("## Memory per idle subscribed socket\n\n")
				.append("After each fan-out, publisher stopped and queues drained: the heap in use after a full collection "
						+ "(Java: two `System.gc()`, Serial GC; Node: two `gc()`, `heapUsed`) and the RSS. Per socket: "
						+ "the growth from the smallest to the largest count, divided by the sockets added.\n\n");
			out.append("| target | sockets | heap MiB | RSS MiB | heap per socket KiB | RSS per socket KiB |\n");
			out.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
			memory.forEach((target, sizes) -> {
				List<Integer> counts = new ArrayList<>(sizes.keySet());
				Collections.sort(counts);
				int low = counts.get(0);
				int high = counts.get(counts.size() - 1);
				for (int size : counts) {
					long[] at = sizes.get(size);
					String perHeap = "";
					String perRss = "";
					if (size == high && high > low) {
						perHeap = String.format(Locale.ROOT, "%.2f%s", (at[0] - sizes.get(low)[0]) / 1024.0 / (high - low),
								(target == Target.STARTER) ? " (< 10)" : "");
						perRss = String.format(Locale.ROOT, "%.2f", (at[1] - sizes.get(low)[1]) / (double) (high - low));
					}
					out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %s | %s |\n", target.id(), size,
							at[0] / 1048576.0, at[1] / 1024, perHeap, perRss));
				}
			});
			histograms.forEach((target, sizes) -> {
				List<Integer> counts = new ArrayList<>(sizes.keySet());
				Collections.sort(counts);
				int low = counts.get(0);
				int high = counts.get(counts.size() - 1);
				if (high == low) {
					return;
				}
				out.append("\n").append(target.id()).append(": the classes that grew most per socket from ").append(low)
					.append(" to ").append(high).append(" sockets (`jcmd GC.class_histogram`, shallow sizes)\n\n")
					.append("| class | bytes per socket | instances per socket |\n| --- | ---: | ---: |\n");
				for (ClassHistogram.Growth growth : sizes.get(high).growthSince(sizes.get(low), high - low, 15)) {
					out.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.2f |\n", growth.className(),
							growth.bytesPerSocket(), growth.instancesPerSocket()));
				}
			});
		}
		return out.toString();
	}

	static String rounds(List<Call> calls, List<Fan> fans) {
		StringBuilder out = new StringBuilder("## Every measurement\n\n");
		if (!calls.isEmpty()) {
			out.append("| round | workload | transport | calls/s | p50 ms | p99 ms | server CPU us/call | client CPU % | errors |\n");
			out.append("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
			for (Call call : calls) {
				out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.2f | %.2f | %.1f | %.0f | %d |\n",
						call.round(), call.workload().id(), call.transport(), call.rps(), call.p50Ms(), call.p99Ms(),
						call.cpuMicros(), call.harnessCpu(), call.errors()));
			}
			out.append('\n');
		}
		if (!fans.isEmpty()) {
			out.append("| round | target | subscribers | messages/s | publications/s | p50 ms | p99 ms "
					+ "| server CPU us/message | client CPU % | lost |\n");
			out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
			for (Fan fan : fans) {
				out.append(String.format(Locale.ROOT, "| %d | %s | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.0f | %d |\n",
						fan.round(), fan.target().id(), fan.sockets(), fan.messagesPerSecond(),
						fan.publicationsPerSecond(), fan.p50Ms(), fan.p99Ms(), fan.cpuMicros(), fan.harnessCpu(),
						fan.lost()));
			}
		}
		return out.toString();
	}

	private static List<Fan> fans(List<Fan> fans, Target target, int size) {
		return fans.stream().filter((f) -> f.target() == target && f.sockets() == size).toList();
	}

	private static <T> String ratio(List<T> a, List<T> b, ToDoubleFunction<T> value) {
		if (a.isEmpty() || b.isEmpty()) {
			return "-";
		}
		return String.format(Locale.ROOT, "%.2fx", median(a, value) / median(b, value));
	}

	static <T> double median(List<T> rows, ToDoubleFunction<T> value) {
		return Report.median(rows.stream().map(value::applyAsDouble).toList());
	}

	static <T> double min(List<T> rows, ToDoubleFunction<T> value) {
		return rows.stream().mapToDouble(value).min().orElse(Double.NaN);
	}

	static <T> double max(List<T> rows, ToDoubleFunction<T> value) {
		return rows.stream().mapToDouble(value).max().orElse(Double.NaN);
	}

}
