package dev.runner.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;

import dev.runner.bench.load.SocketFanOut.Counts;

/**
 * The socket suite ({@code runner-benchmarks/bench --suite socket}):
 * <ol>
 * <li><b>task calls</b>: the starter alone; for each task workload, {@code wrk} against its HTTP tunnel and
 * {@link SocketTaskCalls} over its socket ({@code --socket-clients} sockets, {@code --in-flight} calls each), both
 * checked byte for byte first, alternated over the rounds;</li>
 * <li><b>fan-out and memory</b>: the three servers (starter, bare WebFlux broadcaster, Node {@code ws} broadcaster)
 * run at once, each with its publisher socket; for each subscriber count of {@code --sockets} and each round, each
 * target in turn (order rotated every round) gets that many subscriber sockets, a short warm-up and one
 * {@link SocketFanOut} measurement, then its subscribers are closed, so that only one server has subscribers at a
 * time. In round 1, with the publisher stopped and the queues drained, the heap after a full collection
 * ({@code /bench/heap}), the RSS and (Java) a class histogram are read; the heap per socket is the growth between the
 * smallest and the largest count divided by the sockets added.</li>
 * </ol>
 * The client is this process: one Netty event loop ({@link SocketClients}) on the load CPU. Its CPU use during each
 * measurement is reported: near 100 % means the client, not the server, set the pace.
 *
 * @since 0.1.0
 */
final class SocketBenchmark {

	private static final int PARALLEL_HANDSHAKES = 64;

	private static final int WARMUP_CHUNK = 5;

	private static final int WARMUP_MAX = 120;

	private final Options options;

	private final String environment;

	private final long clockTicks = ServerProcess.clockTicksPerSecond();

	private final List<SocketReport.Call> calls = new ArrayList<>();

	private final List<SocketReport.Fan> fans = new ArrayList<>();

	private final Map<Target, Map<Integer, long[]>> memory = new EnumMap<>(Target.class);

	private final Map<Target, Map<Integer, ClassHistogram>> histograms = new EnumMap<>(Target.class);

	SocketBenchmark(Options options, String environment) {
		this.options = options;
		this.environment = environment;
	}

	void run() throws Exception {
		try (SocketClients clients = new SocketClients()) {
			if (this.options.targets.contains(Target.STARTER)) {
				taskCalls(clients);
			}
			fanOuts(clients);
		}
		if (this.options.checkOnly) {
			log("check only: every answer and message was right");
			return;
		}
		String summary = SocketReport.summary(this.options, this.calls, this.fans, this.memory, this.histograms);
		String report = "# Socket benchmark " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n"
				+ this.environment + "\n" + summary + "\n" + SocketReport.rounds(this.calls, this.fans);
		Files.writeString(this.options.out.resolve("results.md"), report);
		System.out.println();
		System.out.println(summary);
		log("results and raw wrk output: %s", this.options.out);
	}

	private void taskCalls(SocketClients clients) throws Exception {
		try (ServerProcess server = start(Target.STARTER)) {
			List<String> problems = server.check(this.options.workloads);
			if (!problems.isEmpty()) {
				throw new IllegalStateException("wrong HTTP answers, nothing measured:\n  " + String.join("\n  ", problems));
			}
			List<ClientSocket> sockets = clients.open(server.socketUri(), this.options.socketClients,
					PARALLEL_HANDSHAKES, SocketFrames.NONE);
			Map<Workload, SocketTaskCalls> workloads = new LinkedHashMap<>();
			for (Workload workload : this.options.workloads) {
				SocketTaskCalls socketCalls = SocketTaskCalls.of(workload, this.options.inFlight);
				String answer = firstFrame(clients, sockets.get(0), socketCalls.request(0), "{\"type\":\"result\"");
				if (!answer.equals(socketCalls.expectedAnswer(0))) {
					throw new IllegalStateException("wrong socket answer to " + workload.id() + ", nothing measured: "
							+ abbreviate(answer) + " (expected " + abbreviate(socketCalls.expectedAnswer(0)) + ")");
				}
				workloads.put(workload, socketCalls);
			}
			log("starter answers every workload right over HTTP and over the socket");
			if (this.options.checkOnly) {
				SocketClients.close(sockets);
				return;
			}
			for (Workload workload : this.options.workloads) {
				warmUp(workload.id() + " over HTTP", () -> Wrk.run(this.options, server.url(workload),
						script(workload), WARMUP_CHUNK, raw("warmup-http-" + workload.id())).rps());
				warmUp(workload.id() + " over the socket", () -> measure(clients, sockets, workloads.get(workload),
						WARMUP_CHUNK).answered() / (double) WARMUP_CHUNK);
			}
			for (int round = 1; round <= this.options.rounds; round++) {
				for (Workload workload : this.options.workloads) {
					long ticks = server.cpuTicks();
					Wrk.Result http = Wrk.run(this.options, server.url(workload), script(workload),
							this.options.duration, raw("round" + round + "-http-" + workload.id()));
					record(new SocketReport.Call(round, workload, "http", http.rps(), http.p50Ms(), http.p99Ms(),
							cpuMicros(server.cpuTicks() - ticks, http.requests()), http.errors(), Double.NaN));
					ticks = server.cpuTicks();
					long harness = ownCpuTicks();
					SocketTaskCalls.Counts counts = measure(clients, sockets, workloads.get(workload),
							this.options.duration);
					record(new SocketReport.Call(round, workload, "socket",
							counts.answered() / (double) this.options.duration,
							counts.latencyMicros().getValueAtPercentile(50) / 1000.0,
							counts.latencyMicros().getValueAtPercentile(99) / 1000.0,
							cpuMicros(server.cpuTicks() - ticks, counts.answered()), counts.errors(),
							cpuPercent(ownCpuTicks() - harness)));
				}
			}
			SocketClients.close(sockets);
		}
	}

	/**
	 * Warms a workload up in chunks of {@value #WARMUP_CHUNK} s until {@code --warmup} seconds have passed and a
	 * chunk's rate is within 10 % of the one before (the JIT is done), at most {@value #WARMUP_MAX} s: on a slow
	 * machine the HTTP path takes a minute to compile.
	 */
	private void warmUp(String what, Callable<Double> chunk) throws Exception {
		if (this.options.warmup <= 0) {
			return;
		}
		double previous = 0;
		for (int elapsed = WARMUP_CHUNK; elapsed <= WARMUP_MAX; elapsed += WARMUP_CHUNK) {
			double rate = chunk.call();
			log("warm-up %s: %.0f calls/s after %d s", what, rate, elapsed);
			if (elapsed >= this.options.warmup && Math.abs(rate - previous) <= 0.1 * rate) {
				return;
			}
			previous = rate;
		}
	}

	private SocketTaskCalls.Counts measure(SocketClients clients, List<ClientSocket> sockets, SocketTaskCalls workload,
			int seconds) throws Exception {
		clients.onLoop(() -> {
			workload.start(sockets);
			return workload.take();
		});
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		SocketTaskCalls.Counts counts = clients.onLoop(workload::take);
		clients.onLoop(workload::stop);
		awaitZero(clients, () -> workload.outstanding(), "task calls in flight");
		return counts;
	}

	private void record(SocketReport.Call call) {
		this.calls.add(call);
		log("round %d %-5s %-6s %10.0f calls/s  p50 %7.2f ms  p99 %7.2f ms  CPU %6.1f us/call%s%s", call.round(),
				call.workload().id(), call.transport(), call.rps(), call.p50Ms(), call.p99Ms(), call.cpuMicros(),
				Double.isNaN(call.harnessCpu()) ? "" : String.format(Locale.ROOT, "  client CPU %3.0f %%", call.harnessCpu()),
				(call.errors() > 0) ? "  ERRORS " + call.errors() : "");
	}

	private void fanOuts(SocketClients clients) throws Exception {
		Map<Target, ServerProcess> servers = new EnumMap<>(Target.class);
		Map<Target, SocketFanOut> fans = new EnumMap<>(Target.class);
		Map<Target, ClientSocket> publishers = new EnumMap<>(Target.class);
		try {
			for (Target target : this.options.targets) {
				ServerProcess server = start(target);
				servers.put(target, server);
				SocketFanOut fan = new SocketFanOut(target == Target.STARTER, this.options.window);
				fans.put(target, fan);
				publishers.put(target, clients.open(server.socketUri(), 1, 1, fan).get(0));
			}
			Set<Target> warm = EnumSet.noneOf(Target.class);
			int rounds = this.options.checkOnly ? 1 : this.options.rounds;
			for (int size : this.options.sockets) {
				for (int round = 1; round <= rounds; round++) {
					List<Target> order = new ArrayList<>(this.options.targets);
					Collections.rotate(order, -(round - 1));
					for (Target target : order) {
						fanOut(clients, servers.get(target), fans.get(target), publishers.get(target), size, round,
								warm.add(target) ? this.options.warmup : Math.min(this.options.warmup, 3));
					}
				}
			}
		}
		finally {
			for (ServerProcess server : servers.values()) {
				server.close();
			}
		}
	}

	/**
	 * One fan-out measurement: opens the subscribers, warms up, measures (not with {@code --check-only}), stops the
	 * publisher, and in round 1 reads the memory with the subscribers idle; then closes the subscribers.
	 */
	private void fanOut(SocketClients clients, ServerProcess server, SocketFanOut fan, ClientSocket publisher,
			int size, int round, int warmup) throws Exception {
		Target target = server.target();
		List<ClientSocket> subscribers = subscribe(clients, target, server.socketUri(), size, fan);
		startFanOut(clients, target.id(), fan, publisher, subscribers.size(), warmup);
		if (!this.options.checkOnly) {
			long ticks = server.cpuTicks();
			long harness = ownCpuTicks();
			Counts counts = measureFanOut(clients, fan, this.options.duration);
			SocketReport.Fan result = new SocketReport.Fan(round, target, size,
					counts.delivered() / (double) this.options.duration,
					counts.completed() / (double) this.options.duration,
					counts.latencyMicros().getValueAtPercentile(50) / 1000.0,
					counts.latencyMicros().getValueAtPercentile(99) / 1000.0,
					cpuMicros(server.cpuTicks() - ticks, counts.delivered()), cpuPercent(ownCpuTicks() - harness),
					counts.lost() + counts.wrong());
			this.fans.add(result);
			log("round %d %-7s %6d sockets %10.0f messages/s  %5.0f publications/s  p50 %7.2f ms  p99 %7.2f ms"
					+ "  CPU %5.2f us/message  client CPU %3.0f %%%s", round, target.id(), size,
					result.messagesPerSecond(), result.publicationsPerSecond(), result.p50Ms(), result.p99Ms(),
					result.cpuMicros(), result.harnessCpu(), (result.lost() > 0) ? "  LOST " + result.lost() : "");
		}
		stopFanOut(clients, fan);
		if (round == 1) {
			Thread.sleep(2000);
			long heap = server.heapUsed();
			long rss = server.memoryKib("VmRSS");
			this.memory.computeIfAbsent(target, (t) -> new TreeMap<>()).put(size, new long[] { heap, rss });
			if (target != Target.NODE) {
				this.histograms.computeIfAbsent(target, (t) -> new TreeMap<>())
					.put(size, ClassHistogram.of(this.options, server, raw("histogram-" + target.id() + "-" + size)));
			}
			log("%s: %d idle subscribed sockets, heap %.1f MiB after a full collection, RSS %d MiB", target.id(), size,
					heap / 1048576.0, rss / 1024);
		}
		SocketClients.close(subscribers);
	}

	/**
	 * Starts a fan-out's publisher, lets it run for the warm-up (at least 1 s) and {@linkplain #check checks} it.
	 * @param label the server's name in messages
	 * @param warmup seconds
	 */
	static void startFanOut(SocketClients clients, String label, SocketFanOut fan, ClientSocket publisher,
			int subscribers, int warmup) throws Exception {
		clients.onLoop(() -> {
			fan.start(clients.loop(), publisher, subscribers);
			return null;
		});
		Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(warmup, 1)));
		check(label, clients, fan);
	}

	/**
	 * Measures a running fan-out.
	 * @param seconds how long
	 * @return its counts over that time
	 */
	static Counts measureFanOut(SocketClients clients, SocketFanOut fan, int seconds) throws Exception {
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		return clients.onLoop(fan::take);
	}

	/**
	 * Stops a fan-out's publisher and waits until its publications in flight have arrived or been given up.
	 */
	static void stopFanOut(SocketClients clients, SocketFanOut fan) throws Exception {
		clients.onLoop(() -> {
			fan.stop();
			return null;
		});
		awaitZero(clients, fan::outstanding, "publications in flight");
	}

	/**
	 * Checks a fan-out that has run for a while: messages arrived, none was wrong, the first one byte for byte.
	 * Takes (and so resets) its counts.
	 * @param label the server's name in messages
	 * @throws IllegalStateException otherwise
	 */
	static void check(String label, SocketClients clients, SocketFanOut fan) throws Exception {
		Counts warm = clients.onLoop(fan::take);
		String message = clients.onLoop(fan::firstMessage);
		if (warm.delivered() == 0 || warm.wrong() > 0 || message == null
				|| !message.equals(SocketFanOut.message(sequence(message)))) {
			throw new IllegalStateException(label + " fan-out: " + warm.delivered() + " messages, "
					+ warm.wrong() + " wrong, first " + message + "; nothing measured");
		}
	}

	private static long sequence(String message) {
		int start = message.indexOf("\"s\":") + 4;
		int end = start;
		while (end < message.length() && Character.isDigit(message.charAt(end))) {
			end++;
		}
		return (end > start) ? Long.parseLong(message.substring(start, end)) : -1;
	}

	/**
	 * Opens subscriber sockets; the starter's each send a {@code subscribe} frame and wait for its {@code true}, the
	 * broadcasters' are subscribed by being open.
	 */
	static List<ClientSocket> subscribe(SocketClients clients, Target target, URI uri, int count, SocketFanOut fan)
			throws Exception {
		SubscribeResults results = new SubscribeResults();
		List<ClientSocket> opened = clients.open(uri, count, PARALLEL_HANDSHAKES,
				(target == Target.STARTER) ? results : fan);
		if (target == Target.STARTER) {
			byte[] frame = SocketFanOut.subscribe().getBytes(StandardCharsets.UTF_8);
			clients.onLoop(() -> {
				for (ClientSocket socket : opened) {
					socket.write(frame);
					socket.flush();
				}
				return null;
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (clients.onLoop(() -> results.subscribed) < count) {
				if (System.nanoTime() > deadline || clients.onLoop(() -> results.refused) > 0) {
					throw new IllegalStateException(target.id() + ": " + clients.onLoop(() -> results.subscribed)
							+ " of " + count + " subscribed, " + clients.onLoop(() -> results.refused) + " refused");
				}
				Thread.sleep(50);
			}
			clients.onLoop(() -> {
				opened.forEach((socket) -> socket.frames(fan));
				return null;
			});
		}
		return opened;
	}

	static String firstFrame(SocketClients clients, ClientSocket socket, String request, String prefix)
			throws Exception {
		CompletableFuture<String> answer = new CompletableFuture<>();
		byte[] expected = prefix.getBytes(StandardCharsets.UTF_8);
		clients.onLoop(() -> {
			socket.frames((s, text) -> {
				if (SocketFrames.startsWith(text, expected)) {
					answer.complete(text.toString(StandardCharsets.UTF_8));
				}
			});
			socket.write(request);
			socket.flush();
			return null;
		});
		try {
			return answer.get(30, TimeUnit.SECONDS);
		}
		finally {
			clients.onLoop(() -> {
				socket.frames(SocketFrames.NONE);
				return null;
			});
		}
	}

	static void awaitZero(SocketClients clients, Callable<? extends Number> count,
			String what) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (clients.onLoop(count).longValue() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(clients.onLoop(count) + " " + what + " after 30 s");
			}
			Thread.sleep(20);
		}
	}

	private ServerProcess start(Target target) throws Exception {
		log("starting %s on port %d (taskset -c %s)", target.id(), this.options.port(target), this.options.serverCpu);
		ServerProcess server = ServerProcess.start(target, this.options, List.of());
		try {
			server.awaitHeapProbe(Duration.ofSeconds(120));
		}
		catch (Exception ex) {
			server.close();
			throw ex;
		}
		log("%s ready, pid %d, RSS %d MiB", target.id(), server.pid(), server.memoryKib("VmRSS") / 1024);
		return server;
	}

	private Path script(Workload workload) throws IOException {
		Path script = this.options.out.resolve("raw/" + workload.id() + ".lua");
		if (!Files.exists(script)) {
			Files.createDirectories(script.getParent());
			Files.writeString(script, workload.wrkScript());
		}
		return script;
	}

	Path raw(String name) {
		return this.options.out.resolve("raw/" + name + ".txt");
	}

	private double cpuMicros(long ticks, long count) {
		return (ticks < 0 || count <= 0) ? Double.NaN : ticks * 1e6 / this.clockTicks / count;
	}

	private double cpuPercent(long ticks) {
		return ticks * 100.0 / this.clockTicks / this.options.duration;
	}

	private static long ownCpuTicks() {
		return Math.max(ServerProcess.cpuTicks("self"), 0);
	}

	private static String abbreviate(String text) {
		return ServerProcess.abbreviate(text);
	}

	private static void log(String format, Object... values) {
		LoadBenchmark.log(format, values);
	}

	/** Counts the subscribe answers of the starter's subscribers. */
	private static final class SubscribeResults implements SocketFrames {

		private static final byte[] TRUE = "{\"type\":\"result\",\"id\":\"s\",\"ok\":true,\"result\":true}"
			.getBytes(StandardCharsets.UTF_8);

		private static final byte[] ANSWER = "{\"type\":\"result\",\"id\":\"s\"".getBytes(StandardCharsets.UTF_8);

		int subscribed;

		int refused;

		@Override
		public void frame(ClientSocket socket, ByteBuf text) {
			if (SocketFrames.startsWith(text, TRUE) && text.readableBytes() == TRUE.length) {
				this.subscribed++;
			}
			else if (SocketFrames.startsWith(text, ANSWER)) {
				this.refused++;
			}
		}

	}

}
