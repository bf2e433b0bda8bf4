package dev.runner.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringBootVersion;

/**
 * The load benchmark: starts the starter server, the bare WebFlux server and the Node exposure of
 * {@code @bluelibs/runner} 5.5.0, each in its own process pinned to the server CPUs, checks every answer once, warms
 * them up, then measures every workload on every target with {@code wrk} (pinned to the load CPUs), interleaved over
 * several rounds, and prints requests/s, p50/p99 latency, peak RSS and the ratios. Run it with
 * {@code runner-benchmarks/bench} (see {@code runner-benchmarks/RESULTS.md}); {@code --help} lists the options.
 *
 * @since 0.1.0
 */
public final class LoadBenchmark {

	private final Options options;

	private final List<String> args;

	private final Map<Target, ServerProcess> servers = new EnumMap<>(Target.class);

	private final Map<Target, Long> peakRssKib = new EnumMap<>(Target.class);

	private final List<Measurement> measurements = new ArrayList<>();

	private final long clockTicks = ServerProcess.clockTicksPerSecond();

	private LoadBenchmark(Options options, List<String> args) {
		this.options = options;
		this.args = args;
	}

	/**
	 * Runs the benchmark.
	 * @param args the options, see {@code --help}
	 */
	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		LoadBenchmark benchmark = new LoadBenchmark(options, List.of(args));
		Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopServers));
		try {
			benchmark.run();
		}
		finally {
			benchmark.stopServers();
		}
	}

	private void run() throws Exception {
		Files.createDirectories(this.options.out.resolve("raw"));
		String environment = environment();
		System.out.print(environment);
		if (this.options.profile != null) {
			profile(environment);
			return;
		}
		if (this.options.clientSuite) {
			new ClientBenchmark(this.options, environment).run();
			return;
		}
		if (this.options.startupSuite) {
			new StartupBenchmark(this.options, environment).run();
			return;
		}
		if (this.options.brokerSuite) {
			new BrokerBenchmark(this.options, environment).run();
			return;
		}
		if (this.options.socketSuite) {
			new SocketBenchmark(this.options, environment).run();
			return;
		}
		startAll(this.options.targets, List.of());
		if (this.options.checkOnly) {
			log("check only: every server answered every workload correctly");
			return;
		}
		if (this.options.warmup > 0) {
			for (Workload workload : this.options.workloads) {
				for (Target target : this.options.targets) {
					log("warm-up %s on %s, %d s", workload.id(), target.id(), this.options.warmup);
					wrk(target, workload, this.options.warmup, "warmup");
				}
			}
		}
		for (int round = 1; round <= this.options.rounds; round++) {
			for (Workload workload : this.options.workloads) {
				List<Target> order = new ArrayList<>(this.options.targets);
				Collections.rotate(order, -(round - 1));
				for (Target target : order) {
					ServerProcess server = this.servers.get(target);
					long ticks = server.cpuTicks();
					Wrk.Result result = wrk(target, workload, this.options.duration, "round" + round);
					double cpuMicros = (ticks < 0 || result.requests() <= 0) ? Double.NaN
							: (server.cpuTicks() - ticks) * 1e6 / this.clockTicks / result.requests();
					long rss = server.memoryKib("VmHWM");
					this.peakRssKib.merge(target, rss, Math::max);
					this.measurements.add(new Measurement(round, workload, target, result, cpuMicros, rss));
					log("round %d %-11s %-8s %10.0f req/s  p50 %7.2f ms  p99 %7.2f ms  CPU %6.1f us/req  peak RSS %5d MiB%s",
							round, workload.id(), target.id(), result.rps(), result.p50Ms(), result.p99Ms(), cpuMicros,
							rss / 1024, (result.errors() > 0) ? "  ERRORS " + result.errors() : "");
				}
			}
		}
		String report = "# Load benchmark " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n" + environment
				+ "\n" + Report.summary(this.options, this.measurements, this.peakRssKib) + "\n"
				+ Report.rounds(this.measurements);
		Path file = this.options.out.resolve("results.md");
		Files.writeString(file, report);
		System.out.println();
		System.out.println(Report.summary(this.options, this.measurements, this.peakRssKib));
		log("results and raw wrk output: %s", this.options.out);
	}

	private void profile(String environment) throws Exception {
		Target target = this.options.profileTarget;
		Workload workload = this.options.profile;
		if (target == Target.NODE || target == Target.BRAHMA) {
			throw new IllegalArgumentException("--profile-target " + target.id() + " is not supported; profile starter, "
					+ "bare or ceiling");
		}
		List<String> jvm = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints");
		startAll(List.of(target), jvm);
		ServerProcess server = this.servers.get(target);
		log("warm-up %s on %s, %d s", workload.id(), target.id(), this.options.warmup);
		wrk(target, workload, Math.max(this.options.warmup, 1), "warmup");
		Path library = Profiler.library(this.options.out);
		String base = "profile-" + target.id() + "-" + workload.id();
		String event = this.options.profileEvent;
		try {
			Profiler.command(server.pid(), library, "start,event=" + event + ",interval=1ms");
		}
		catch (Exception ex) {
			log("async-profiler event %s failed (%s); using itimer", event, ex.getMessage());
			event = "itimer";
			Profiler.command(server.pid(), library, "start,event=" + event + ",interval=1ms");
		}
		long ticks = server.cpuTicks();
		Wrk.Result result = wrk(target, workload, this.options.duration, "profiled");
		double cpuMicros = (server.cpuTicks() - ticks) * 1e6 / this.clockTicks;
		Path collapsed = this.options.out.resolve(base + ".collapsed");
		Path flame = this.options.out.resolve(base + ".html");
		Profiler.command(server.pid(), library, "dump,file=" + collapsed + ",collapsed");
		Profiler.command(server.pid(), library, "stop,file=" + flame + ",title=" + base);
		boolean cpuTime = !event.equals("wall");
		String tables = Profiler.tables(Profiler.readCollapsed(collapsed), 30, cpuTime ? result.requests() : 0,
				cpuMicros);
		String report = "# Profile of `" + workload.id() + "` on the " + target.id() + " server\n\n" + environment
				+ "\n- profiler: async-profiler " + "(event " + event + ", 1 ms interval), " + this.options.duration
				+ " s of wrk after a " + this.options.warmup + " s warm-up; JVM also ran with "
				+ String.join(" ", jvm) + "\n- throughput while profiled: "
				+ String.format(Locale.ROOT, "%.0f req/s, p99 %.2f ms", result.rps(), result.p99Ms())
				+ "\n- flame graph: `" + flame.getFileName() + "`, collapsed stacks: `" + collapsed.getFileName()
				+ "`\n\n" + tables;
		Path file = this.options.out.resolve(base + ".md");
		Files.writeString(file, report);
		System.out.println();
		System.out.println(tables);
		log("profile written to %s", file);
	}

	private void startAll(List<Target> targets, List<String> extraJvmOptions) throws Exception {
		List<String> problems = new ArrayList<>();
		for (Target target : targets) {
			log("starting %s on port %d (taskset -c %s)", target.id(), this.options.port(target),
					this.options.serverCpu);
			ServerProcess server = ServerProcess.start(target, this.options, extraJvmOptions);
			this.servers.put(target, server);
			server.awaitReady(Duration.ofSeconds(120));
			problems.addAll(server.check(this.options.workloads));
			log("%s ready, pid %d, RSS %d MiB", target.id(), server.pid(), server.memoryKib("VmRSS") / 1024);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("wrong answers, nothing measured:\n  " + String.join("\n  ", problems));
		}
	}

	private Wrk.Result wrk(Target target, Workload workload, int seconds, String label) throws Exception {
		Path script = this.options.out.resolve("raw/" + workload.id() + ".lua");
		if (!Files.exists(script)) {
			Files.writeString(script, workload.wrkScript());
		}
		Path output = this.options.out.resolve("raw/" + label + "-" + workload.id() + "-" + target.id() + ".txt");
		Wrk.Result result = Wrk.run(this.options, this.servers.get(target).url(workload), script, seconds, output);
		if (result.errors() > 0) {
			log("warning: %d errors or non-2xx answers, see %s", result.errors(), output);
		}
		return result;
	}

	private void stopServers() {
		for (ServerProcess server : this.servers.values()) {
			try {
				server.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.servers.clear();
	}

	private String environment() {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
		facts.put("command", "runner-benchmarks/bench " + String.join(" ", this.args));
		facts.put("commit", firstLine("git", "-C", this.options.moduleDir.toString(), "describe", "--always", "--dirty"));
		facts.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs visible to the harness");
		facts.put("placement", "servers `taskset -c " + this.options.serverCpu + "`, wrk `taskset -c "
				+ this.options.loadCpu + "` (" + this.options.wrkThreads + " thread, " + this.options.connections
				+ " connections)" + (this.options.socketSuite
						? ", the socket client (this harness, one Netty event loop) `taskset -c "
								+ System.getenv().getOrDefault("BENCH_HARNESS_CPU", "1") + "`"
								+ (this.options.brokerSuite ? ", redis-server `taskset -c " + this.options.serverCpu
										+ "`, one fan-out running at a time" : ", one server running at a time")
						: ", one server measured at a time"));
		facts.put("load average at start", loadAverage());
		facts.put("Java servers", firstLine(this.options.java, "-version") + "; flags `"
				+ String.join(" ", this.options.jvmOptions) + "`; Spring Boot " + SpringBootVersion.getVersion());
		facts.put("Node server", firstLine(this.options.node, "--version") + ", @bluelibs/runner "
				+ npmVersion(this.options.nodeDir()));
		facts.put("wrk", Wrk.version());
		if (this.options.clientSuite) {
			facts.put("clients", "this harness: the Java client and a plain WebClient, one at a time, on one Reactor "
					+ "Netty pool, `taskset -c " + System.getenv().getOrDefault("BENCH_HARNESS_CPU", "1")
					+ "`, -Xmx256m SerialGC, " + this.options.connections + " calls in flight");
		}
		if (this.options.brokerSuite) {
			facts.put("Redis", firstLine(this.options.redisServer, "--version"));
		}
		facts.put("runs", this.options.brokerSuite
				? "fan-out: subscriber counts " + this.options.sockets + ", " + this.options.rounds + " rounds of "
						+ this.options.duration + " s per count and placement, placement order rotated each round, each "
						+ "after a warm-up (" + BrokerBenchmark.FIRST_WARMUP_FACTOR * this.options.warmup
						+ " s the first time, 3 s after)"
				: this.options.socketSuite
				? "task calls: warm-up in 5 s chunks until " + this.options.warmup + " s have passed and a chunk is "
						+ "within 10 % of the one before (at most 120 s), per workload and transport, then "
						+ this.options.rounds + " rounds of " + this.options.duration + " s, HTTP then socket; fan-out: "
						+ "subscriber counts " + this.options.sockets + ", " + this.options.rounds + " rounds of "
						+ this.options.duration + " s per count and target, target order rotated each round, each "
						+ "after a warm-up (" + this.options.warmup + " s the first time, 3 s after)"
				: (this.options.profile != null)
				? "warm-up " + this.options.warmup + " s, then one profiled run of " + this.options.duration + " s"
				: "warm-up " + this.options.warmup + " s per workload and target, then " + this.options.rounds
						+ " rounds of " + this.options.duration
						+ " s per workload and target, target order rotated each round");
		StringBuilder out = new StringBuilder();
		facts.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
		return out.toString();
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("?");
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String npmVersion(Path nodeDir) {
		try {
			String json = Files.readString(nodeDir.resolve("node_modules/@bluelibs/runner/package.json"));
			Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
			return version.find() ? version.group(1) : "?";
		}
		catch (IOException ex) {
			return "not installed (run npm ci in " + nodeDir + ")";
		}
	}

	private static String firstLine(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
			return text.lines().findFirst().orElse("?").trim();
		}
		catch (IOException | InterruptedException ex) {
			return "?";
		}
	}

	static void log(String format, Object... values) {
		System.out.println("[bench] " + String.format(Locale.ROOT, format, values));
	}

	/**
	 * One measurement.
	 */
	record Measurement(int round, Workload workload, Target target, Wrk.Result result, double cpuMicrosPerRequest,
			long peakRssKib) {
	}

}
