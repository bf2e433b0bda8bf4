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

	private static Map<String, List<String>> stages() {
		Map<String, List<String>> stages = new LinkedHashMap<>();
		stages.put("Reactor Netty: HTTP decode, channel reads (all request handling below it)",
				List.of("reactor/netty/http/server/HttpServerOperations.onInboundNext"));
		stages.put("Spring DispatcherHandler.handle (WebFlux dispatch, everything below)",
				List.of("org/springframework/web/reactive/DispatcherHandler.handle"));
		stages.put("runner: RunnerHandlerMapping.getHandler (routing)",
				List.of("dev/runner/spring/web/RunnerHandlerMapping.getHandler"));
		stages.put("runner: TunnelRequestIds.resolve (request id)", List.of("dev/runner/spring/web/TunnelRequestIds"));
		stages.put("runner: TunnelCors.applyActual", List.of("dev/runner/spring/web/TunnelCors.applyActual"));
		stages.put("runner: TunnelAuthenticator.authenticate (token)",
				List.of("dev/runner/spring/web/TunnelAuthenticator.authenticate"));
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
	 */
	static String tables(Map<List<String>, Long> stacks, int top) {
		long total = stacks.values().stream().mapToLong(Long::longValue).sum();
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> inclusive = new HashMap<>();
		Map<String, Long> stages = new LinkedHashMap<>();
		STAGES.keySet().forEach((label) -> stages.put(label, 0L));
		stacks.forEach((frames, count) -> {
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
		out.append("Samples: ").append(total).append("\n\n");
		out.append("Where time goes (inclusive: samples whose stack contains the frames)\n\n");
		out.append("| stage | inclusive % |\n| --- | ---: |\n");
		stages.forEach((label, count) -> out.append("| ").append(label).append(" | ").append(percent(count, total))
			.append(" |\n"));
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

	private static String percent(long count, long total) {
		return (total == 0) ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * count / total);
	}

}
