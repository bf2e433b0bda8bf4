package dev.runner.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.sun.tools.attach.VirtualMachine;

/**
 * Profiles a running server JVM with async-profiler ({@code tools.profiler:async-profiler} from Maven Central),
 * attached the way its {@code asprof} launcher does it, and turns the collapsed stacks into tables.
 *
 * @since 0.1.0
 */
final class Profiler {

	/**
	 * What the tables attribute time to: a label and the frames (substrings of collapsed frames) that stand for it;
	 * the inclusive share of a row counts each sample whose stack holds any of the frames.
	 */
	static final Map<String, List<String>> STAGES = stages();

	private static final String OWN_CODE = "dev/runner/spring/";

	private static final String PIPELINE_FRAME = "TunnelUriGuard.channelRead";

	private static final java.util.regex.Pattern LAMBDA = java.util.regex.Pattern
		.compile("\\$\\$Lambda\\$?[0-9]*[./]0x[0-9a-f]+\\.\\w+");

	/** A frame that every stack of a Netty event-loop thread holds. */
	static final String EVENT_LOOP_FRAME = "io/netty/util/concurrent/FastThreadLocalRunnable.run";

	private static Map<String, List<String>> stages() {
		Map<String, List<String>> stages = new LinkedHashMap<>();
		stages.put("Reactor Netty: HTTP decode, channel reads (all request handling below it)",
				List.of("reactor/netty/http/server/HttpServerOperations.onInboundNext"));
		stages.put("Spring DispatcherHandler.handle (WebFlux dispatch, everything below)",
				List.of("org/springframework/web/reactive/DispatcherHandler.handle"));
		stages.put("Spring: ReactorServerHttpRequest.<init> (exchange creation, java.net.URI parsing)",
				List.of("org/springframework/http/server/reactive/ReactorServerHttpRequest.<init>"));
		stages.put("runner: TunnelUriGuard.safeUri (Netty pipeline handler)",
				List.of("dev/runner/spring/web/TunnelUriGuard.safeUri"));
		stages.put("runner: RunnerHandlerMapping.getHandler (routing)",
				List.of("dev/runner/spring/web/RunnerHandlerMapping.getHandler"));
		stages.put("runner: RunnerRequestIds.resolve (request id)", List.of("dev/runner/spring/web/RunnerRequestIds"));
		stages.put("runner: TunnelCors.applyActual", List.of("dev/runner/spring/web/TunnelCors.applyActual"));
		stages.put("runner: RunnerAuthenticator.authenticate (token)",
				List.of("dev/runner/spring/web/RunnerAuthenticator.authenticate"));
		stages.put("runner: TunnelBodyReader.decode (serializer decode of the body)",
				List.of("dev/runner/spring/web/TunnelBodyReader.decode"));
		stages.put("runner: RunnerSerializer.decode", List.of("dev/runner/spring/serializer/RunnerSerializer.decode"));
		stages.put("runner: InputConverter.convert (decoded value -> record)",
				List.of("dev/runner/spring/serializer/InputConverter.convert"));
		stages.put("runner: HandlerInvoker.call (bind, invoke, adapt)",
				List.of("dev/runner/spring/core/HandlerInvoker.call"));
		stages.put("runner: TunnelResponses.write (envelope encode + writeWith)",
				List.of("dev/runner/spring/web/TunnelResponses.write"));
		stages.put("runner: TreeEncoder (result encode)", List.of("dev/runner/spring/serializer/TreeEncoder"));
		stages.put("runner: RunnerEventEmitter.emit", List.of("dev/runner/spring/core/RunnerEventEmitter.emit"));
		stages.put("runner: TunnelResponses.error (error envelope)", List.of("dev/runner/spring/web/TunnelResponses.error"));
		stages.put("Jackson (any frame)", List.of("tools/jackson/"));
		stages.put("Netty leak detector sampling (ResourceLeakDetector)",
				List.of("io/netty/util/ResourceLeakDetector.track"));
		stages.put("Netty write/flush", List.of("io/netty/channel/AbstractChannelHandlerContext.flush",
				"io/netty/channel/AbstractChannel$AbstractUnsafe.flush"));
		stages.put("Kernel (frames marked _[k])", List.of("_[k]"));
		stages.put("GC threads", List.of("GCTaskThread", "VM_GenCollect", "SerialHeap", "DefNewGeneration"));
		stages.put("JIT compiler threads", List.of("CompileBroker"));
		return stages;
	}

	private Profiler() {
	}

	/**
	 * Prints the tables of a collapsed-stacks file again (for example after changing {@link #STAGES}):
	 * {@code java -cp ... dev.runner.bench.load.Profiler FILE.collapsed [REQUESTS]}.
	 * @param args the file, then optionally the requests served while it was recorded and the CPU time the server
	 * used meanwhile, in microseconds
	 */
	public static void main(String[] args) throws IOException {
		long requests = (args.length > 1) ? Long.parseLong(args[1]) : 0;
		double cpuMicros = (args.length > 2) ? Double.parseDouble(args[2]) : 0;
		System.out.print(tables(readCollapsed(Path.of(args[0])), 30, requests, cpuMicros));
	}

	/**
	 * Extracts the Linux x64 library from the async-profiler jar on the class path.
	 */
	static Path library(Path directory) throws IOException {
		String arch = System.getProperty("os.arch").contains("aarch64") ? "linux-arm64" : "linux-x64";
		Path target = directory.resolve("libasyncProfiler.so");
		try (InputStream in = Profiler.class.getClassLoader().getResourceAsStream(arch + "/libasyncProfiler.so")) {
			if (in == null) {
				throw new IllegalStateException("async-profiler's " + arch + " library is not on the class path");
			}
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		return target;
	}

	/**
	 * Sends one command to the profiler agent of a JVM, loading the agent on first use.
	 */
	static void command(long pid, Path library, String command) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
		try {
			vm.loadAgentPath(library.toString(), command);
		}
		finally {
			vm.detach();
		}
	}

	/**
	 * Reads collapsed stacks ({@code frame;frame;... count}).
	 */
	static Map<List<String>, Long> readCollapsed(Path file) throws IOException {
		Map<List<String>, Long> stacks = new HashMap<>();
		for (String line : Files.readAllLines(file)) {
			int space = line.lastIndexOf(' ');
			if (space <= 0) {
				continue;
			}
			long count = Long.parseLong(line.substring(space + 1).trim());
			stacks.merge(List.of(line.substring(0, space).split(";")), count, Long::sum);
		}
		return stacks;
	}

	/**
	 * Renders the top-frames tables of a profile in Markdown.
	 * @param stacks the collapsed stacks
	 * @param top how many frames the top lists show
	 * @param requests requests served while profiling, to give CPU microseconds per request; {@code 0} to leave them
	 * out
	 * @param cpuMicros the CPU time the server used while profiling, in microseconds, shared among the samples (the
	 * {@code itimer} event samples every 4 ms where the kernel's tick is 250 Hz, whatever interval it is asked for);
	 * {@code 0} or less to count each sample as the 1 ms interval asked for
	 */
	static String tables(Map<List<String>, Long> stacks, int top, long requests, double cpuMicros) {
		long total = stacks.values().stream().mapToLong(Long::longValue).sum();
		long eventLoop = stacks.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().stream().anyMatch((frame) -> frame.contains(EVENT_LOOP_FRAME)))
			.mapToLong(Map.Entry::getValue)
			.sum();
		double microsPerSample = (cpuMicros > 0 && total > 0) ? cpuMicros / total : 1000.0;
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> inclusive = new HashMap<>();
		Map<String, Long> stages = new LinkedHashMap<>();
		Map<String, Long> innermost = new HashMap<>();
		long[] ownCode = new long[1];
		STAGES.keySet().forEach((label) -> stages.put(label, 0L));
		stacks.forEach((frames, count) -> {
			String deepest = null;
			for (String frame : frames) {
				if (frame.startsWith(OWN_CODE) && !frame.contains(PIPELINE_FRAME)) {
					deepest = LAMBDA.matcher(frame).replaceAll("\\$\\$Lambda");
				}
			}
			if (deepest != null) {
				innermost.merge(deepest, count, Long::sum);
				ownCode[0] += count;
			}
			self.merge(frames.get(frames.size() - 1), count, Long::sum);
			Set<String> seen = new HashSet<>();
			for (String frame : frames) {
				if (frame.startsWith("dev/runner/") && seen.add(frame)) {
					inclusive.merge(frame, count, Long::sum);
				}
			}
			STAGES.forEach((label, patterns) -> {
				if (frames.stream().anyMatch((frame) -> patterns.stream().anyMatch(frame::contains))) {
					stages.merge(label, count, Long::sum);
				}
			});
		});
		StringBuilder out = new StringBuilder();
		out.append("Samples: ").append(total).append(" (event-loop threads ").append(eventLoop).append(", ")
			.append(percent(eventLoop, total)).append(" %)");
		if (requests > 0) {
			out.append("; requests served while profiling: ").append(requests).append(", CPU per request ")
				.append(micros(total, requests, microsPerSample)).append(" us (event loop ").append(micros(eventLoop, requests, microsPerSample))
				.append(" us)");
		}
		out.append("\n\nWhere time goes (inclusive: samples whose stack contains the frames)\n\n");
		out.append("| stage | % of all samples | % of event-loop samples | CPU us per request |\n")
			.append("| --- | ---: | ---: | ---: |\n");
		stages.forEach((label, count) -> out.append("| ").append(label).append(" | ").append(percent(count, total))
			.append(" | ").append(percent(count, eventLoop)).append(" | ")
			.append((requests > 0) ? micros(count, requests, microsPerSample) : "-").append(" |\n"));
		out.append("\nThe starter's own code: samples whose stack holds a `dev.runner.spring` frame (other than the Netty ")
			.append("pipeline handler that wraps every request): ").append(percent(ownCode[0], total)).append(" %");
		if (requests > 0) {
			out.append(", ").append(micros(ownCode[0], requests, microsPerSample)).append(" us per request");
		}
		out.append(". Each sample is charged to the innermost starter frame of its stack (so a frame's row holds its ")
			.append("own time plus the library code it calls, e.g. Jackson or SHA-256):\n\n")
			.append("| # | innermost starter frame | % of all samples | CPU us per request |\n")
			.append("| ---: | --- | ---: | ---: |\n");
		List<Map.Entry<String, Long>> charged = new ArrayList<>(innermost.entrySet());
		charged.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (int i = 0; i < Math.min(top, charged.size()); i++) {
			long count = charged.get(i).getValue();
			out.append("| ").append(i + 1).append(" | `").append(charged.get(i).getKey()).append("` | ")
				.append(percent(count, total)).append(" | ").append((requests > 0) ? micros(count, requests, microsPerSample) : "-")
				.append(" |\n");
		}
		out.append("\nTop ").append(top).append(" frames by self time\n\n| # | frame | self % |\n| ---: | --- | ---: |\n");
		appendTop(out, self, total, top);
		out.append("\nTop ").append(top)
			.append(" frames of the starter (dev.runner.*) by inclusive time\n\n| # | frame | inclusive % |\n| ---: | --- | ---: |\n");
		appendTop(out, inclusive, total, top);
		return out.toString();
	}

	private static void appendTop(StringBuilder out, Map<String, Long> counts, long total, int top) {
		List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (int i = 0; i < Math.min(top, entries.size()); i++) {
			out.append("| ").append(i + 1).append(" | `").append(entries.get(i).getKey().replace('|', '/'))
				.append("` | ").append(percent(entries.get(i).getValue(), total)).append(" |\n");
		}
	}

	private static String micros(long samples, long requests, double microsPerSample) {
		return String.format(Locale.ROOT, "%.1f", microsPerSample * samples / requests);
	}

	private static String percent(long count, long total) {
		return (total == 0) ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * count / total);
	}

}
