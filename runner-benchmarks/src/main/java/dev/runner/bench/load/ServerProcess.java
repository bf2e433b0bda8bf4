package dev.runner.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.runner.bench.BenchData;
import dev.runner.bench.BenchHeap;

/**
 * One server of the benchmarks in its own process, pinned to the server CPUs with {@code taskset}.
 *
 * @since 0.1.0
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern HEAP_USED = Pattern.compile("\"heapUsed\"\\s*:\\s*(\\d+)");

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Target target;

	private final String label;

	private final int port;

	private final Process process;

	private final Path log;

	private ServerProcess(Target target, String label, int port, Process process, Path log) {
		this.target = target;
		this.label = label;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static ServerProcess start(Target target, Options options, List<String> extraJvmOptions) throws IOException {
		return start(target, target.id(), options.port(target), options, extraJvmOptions, List.of());
	}

	/**
	 * Starts a server.
	 * @param target the server
	 * @param label its name in logs and messages, also its log file's ({@code <label>-server.log})
	 * @param port its port
	 * @param options the benchmark options
	 * @param extraJvmOptions more JVM options
	 * @param arguments more Spring Boot arguments ({@code --name=value})
	 * @return the started process, not ready yet
	 */
	static ServerProcess start(Target target, String label, int port, Options options, List<String> extraJvmOptions,
			List<String> arguments) throws IOException {
		List<String> command = target.command(options, port, extraJvmOptions, arguments);
		Path log = options.out.resolve(label + "-server.log");
		return new ServerProcess(target, label, port, pinned(options, command, log), log);
	}

	/**
	 * Starts a server with a command of its own (the startup suite's forms), pinned to the server CPUs.
	 * @param target the server, whose answers it gives
	 * @param label its name in logs and messages, also its log file's ({@code <label>-server.log})
	 * @param port its port
	 * @param options the benchmark options
	 * @param command the command
	 * @return the started process, not ready yet
	 */
	static ServerProcess launch(Target target, String label, int port, Options options, List<String> command)
			throws IOException {
		Path log = options.out.resolve(label + "-server.log");
		return new ServerProcess(target, label, port, pinned(options, command, log), log);
	}

	/**
	 * Starts a command pinned to the server CPUs, its output appended to a log file that starts with the command.
	 * @param options the benchmark options
	 * @param command the command
	 * @param log the log file
	 * @return the process; {@code taskset} execs the command, so its pid is the command's
	 */
	static Process pinned(Options options, List<String> command, Path log) throws IOException {
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", options.serverCpu));
		pinned.addAll(command);
		Files.writeString(log, String.join(" ", pinned) + "\n");
		return new ProcessBuilder(pinned).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
	}

	Target target() {
		return this.target;
	}

	String label() {
		return this.label;
	}

	long pid() {
		// taskset execs the command, so the pid is the server's.
		return this.process.pid();
	}

	String url(Workload workload) {
		return "http://127.0.0.1:" + this.port + BenchData.BASE_PATH + workload.path();
	}

	/**
	 * Waits until the server answers {@code add}.
	 */
	void awaitReady(Duration timeout) throws Exception {
		awaitReady(timeout, 200, () -> post(Workload.ADD, BenchData.TOKEN).statusCode() == 200);
	}

	/**
	 * Waits until the server answers its heap probe ({@link BenchHeap}), which every socket-suite server has.
	 */
	void awaitHeapProbe(Duration timeout) throws Exception {
		awaitReady(timeout, 200, () -> heapProbe().statusCode() == 200);
	}

	/**
	 * Asks the server's heap probe for the heap in use after a full collection.
	 * @return bytes
	 */
	long heapUsed() throws Exception {
		HttpResponse<String> response = heapProbe();
		Matcher used = HEAP_USED.matcher(response.body());
		if (response.statusCode() != 200 || !used.find()) {
			throw new IllegalStateException(this.label + " heap probe answered " + response.statusCode() + " "
					+ response.body());
		}
		return Long.parseLong(used.group(1));
	}

	private HttpResponse<String> heapProbe() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + BenchHeap.PATH))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The server's socket endpoint.
	 * @return {@code ws://127.0.0.1:PORT/...}
	 */
	URI socketUri() {
		String path = (this.target == Target.STARTER) ? BenchData.BASE_PATH + "/ws" : "/ws";
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	/**
	 * Waits, asking every 5 ms, until the server gives a correct answer to {@code add}.
	 * @param timeout how long to wait
	 * @return the first correct answer's arrival, {@link System#nanoTime()}
	 */
	long awaitFirstAnswer(Duration timeout) throws Exception {
		awaitReady(timeout, 5, () -> {
			HttpResponse<String> response = post(Workload.ADD, BenchData.TOKEN);
			return response.statusCode() == 200 && Workload.ADD.expectedBody().equals(response.body());
		});
		return System.nanoTime();
	}

	/**
	 * Waits for the process to end by itself (a training run).
	 * @param timeout how long to wait
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) throws Exception {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.label + " did not exit within " + timeout + "; see " + this.log);
		}
		return this.process.exitValue();
	}

	private void awaitReady(Duration timeout, long intervalMillis, Callable<Boolean> ready) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.label + " server exited with " + this.process.exitValue()
						+ "; see " + this.log);
			}
			try {
				if (ready.call()) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(intervalMillis);
		}
		throw new IllegalStateException(this.label + " server not ready after " + timeout + "; see " + this.log);
	}

	/**
	 * Checks every workload's answer once, and that a wrong token is refused, so a broken server cannot look fast.
	 * @return the problems found, empty when none
	 */
	List<String> check(List<Workload> workloads) throws Exception {
		return check(this.label, "http://127.0.0.1:" + this.port, workloads);
	}

	/**
	 * Checks a server's answers.
	 * @param label the server's name in messages
	 * @param origin {@code http://host:port}
	 * @param workloads the workloads to check
	 * @return the problems found, empty when none
	 */
	static List<String> check(String label, String origin, List<Workload> workloads) throws Exception {
		List<String> problems = new ArrayList<>();
		for (Workload workload : workloads) {
			HttpResponse<String> response = post(origin, workload, BenchData.TOKEN);
			String contentType = response.headers().firstValue("content-type").orElse("");
			if (response.statusCode() != 200 || !contentType.startsWith("application/json")
					|| !workload.expectedBody().equals(response.body())) {
				problems.add(label + " " + workload.id() + ": status " + response.statusCode() + ", " + contentType
						+ ", body " + abbreviate(response.body()) + " (expected " + abbreviate(workload.expectedBody())
						+ ")");
			}
		}
		HttpResponse<String> refused = post(origin, Workload.ADD, "wrong-token");
		if (refused.statusCode() != 401) {
			problems.add(label + ": a wrong token got " + refused.statusCode() + ", expected 401");
		}
		return problems;
	}

	private HttpResponse<String> post(Workload workload, String token) throws Exception {
		return post("http://127.0.0.1:" + this.port, workload, token);
	}

	private static HttpResponse<String> post(String origin, Workload workload, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(origin + BenchData.BASE_PATH + workload.path()))
			.timeout(Duration.ofSeconds(10))
			.header("content-type", "application/json")
			.header("x-runner-token", token)
			.POST(HttpRequest.BodyPublishers.ofString(workload.requestBody()))
			.build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "... (" + text.length() + " chars)";
	}

	/**
	 * Reads a {@code /proc/PID/status} memory line.
	 * @param field {@code VmHWM} (peak resident set) or {@code VmRSS}
	 * @return the value in KiB, {@code -1} when unknown
	 */
	long memoryKib(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone or not Linux
		}
		return -1;
	}

	/**
	 * Reads the CPU time the server has used so far, all its threads, user and system.
	 * @return the CPU time in clock ticks ({@link #clockTicksPerSecond()}), {@code -1} when unknown
	 */
	long cpuTicks() {
		return cpuTicks(Long.toString(pid()));
	}

	/**
	 * Reads the CPU time a process has used so far, all its threads, user and system.
	 * @param process a pid, or {@code self} for this process
	 * @return the CPU time in clock ticks, {@code -1} when unknown
	 */
	static long cpuTicks(String process) {
		try {
			String stat = Files.readString(Path.of("/proc", process, "stat"));
			// Fields after the command name (which may hold spaces, inside parentheses): utime is the 12th, stime the 13th.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The clock ticks per second of {@code /proc/PID/stat} ({@code getconf CLK_TCK}, 100 on Linux).
	 * @return the ticks per second
	 */
	static long clockTicksPerSecond() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String text = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor(5, TimeUnit.SECONDS);
			return Long.parseLong(text);
		}
		catch (IOException | InterruptedException | NumberFormatException ex) {
			return 100;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
