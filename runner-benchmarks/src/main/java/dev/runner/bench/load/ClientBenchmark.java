package dev.runner.bench.load;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import dev.runner.bench.BenchData;
import dev.runner.bench.BenchData.AddInput;
import dev.runner.bench.BenchData.Item;
import dev.runner.spring.client.RunnerClient;

/**
 * The client suite ({@code --suite client}): this harness calls the starter's {@code add} and {@code hi} tasks with
 * the Java client ({@link RunnerClient}, the runner serializer) and with a plain {@code WebClient} posting the same
 * JSON and decoding the envelope with Jackson into the same records, on one connection pool, {@code --connections}
 * calls in flight (closed loop), alternating which goes first in each round. It reports calls/s, p50/p99 and the CPU
 * each call costs this client process and the server, and the Java client's ratios to the plain one.
 *
 * @since 0.2.0
 */
final class ClientBenchmark {

	static final String RUNNER = "runner-client";

	static final String PLAIN = "webclient";

	private static final List<Workload> WORKLOADS = List.of(Workload.ADD, Workload.HI);

	private static final ParameterizedTypeReference<List<Item>> ITEMS = new ParameterizedTypeReference<>() {
	};

	private final Options options;

	private final String environment;

	private final long clockTicks = ServerProcess.clockTicksPerSecond();

	private final List<ClientReport.Row> rows = new ArrayList<>();

	ClientBenchmark(Options options, String environment) {
		this.options = options;
		this.environment = environment;
	}

	void run() throws Exception {
		LoadBenchmark.log("starting starter on port %d (taskset -c %s)", this.options.port(Target.STARTER),
				this.options.serverCpu);
		try (ServerProcess server = ServerProcess.start(Target.STARTER, this.options, List.of())) {
			server.awaitHeapProbe(Duration.ofSeconds(120));
			List<String> problems = server.check(WORKLOADS);
			if (!problems.isEmpty()) {
				throw new IllegalStateException("wrong answers, nothing measured:\n  " + String.join("\n  ", problems));
			}
			Map<String, Map<Workload, Supplier<Mono<?>>>> calls = calls(
					"http://127.0.0.1:" + this.options.port(Target.STARTER) + BenchData.BASE_PATH);
			check(calls);
			if (this.options.checkOnly) {
				LoadBenchmark.log("check only: both clients read every answer right");
				return;
			}
			for (Workload workload : WORKLOADS) {
				for (String client : List.of(RUNNER, PLAIN)) {
					LoadBenchmark.log("warm-up %s with %s, %d s", workload.id(), client, this.options.warmup);
					measure(calls.get(client).get(workload), workload, this.options.warmup, this.options.connections);
				}
			}
			for (int round = 1; round <= this.options.rounds; round++) {
				for (Workload workload : WORKLOADS) {
					List<String> order = (round % 2 == 1) ? List.of(RUNNER, PLAIN) : List.of(PLAIN, RUNNER);
					for (String client : order) {
						long serverTicks = server.cpuTicks();
						long ownTicks = ServerProcess.cpuTicks("self");
						Counts counts = measure(calls.get(client).get(workload), workload, this.options.duration,
								this.options.connections);
						ClientReport.Row row = new ClientReport.Row(round, workload, client,
								counts.calls() / (double) this.options.duration,
								counts.latency().getValueAtPercentile(50) / 1000.0,
								counts.latency().getValueAtPercentile(99) / 1000.0,
								micros(ServerProcess.cpuTicks("self") - ownTicks, counts.calls()),
								micros(server.cpuTicks() - serverTicks, counts.calls()), counts.errors());
						this.rows.add(row);
						LoadBenchmark.log("round %d %-4s %-13s %9.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  client CPU "
								+ "%5.1f us/call  server CPU %5.1f us/call%s", round, workload.id(), client, row.rate(),
								row.p50Ms(), row.p99Ms(), row.clientCpuMicros(), row.serverCpuMicros(),
								(row.errors() > 0) ? "  ERRORS " + row.errors() : "");
					}
				}
			}
		}
		String summary = ClientReport.summary(this.options, this.rows);
		String report = "# Client benchmark " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n"
				+ this.environment + "\n" + summary + "\n" + ClientReport.rounds(this.rows);
		Files.writeString(this.options.out.resolve("results.md"), report);
		System.out.println();
		System.out.println(summary);
		LoadBenchmark.log("results: %s", this.options.out);
	}

	/**
	 * The calls of both clients on both workloads.
	 * @param base the server's base URL
	 * @return by client, by workload, a call
	 */
	static Map<String, Map<Workload, Supplier<Mono<?>>>> calls(String base) {
		WebClient webClient = WebClient.create();
		RunnerClient runner = RunnerClient.builder().name("bench").baseUrl(base).token(BenchData.TOKEN).build();
		return Map.of(RUNNER, Map.of(
				Workload.ADD, () -> runner.task("bench.add", new AddInput(1, 2), Integer.class),
				Workload.HI, () -> runner.task("bench.hi", null, ITEMS)), PLAIN, Map.of(
				Workload.ADD, () -> plain(webClient, base + Workload.ADD.path(), new AddRequest(new AddInput(1, 2)),
						AddAnswer.class),
				Workload.HI, () -> plain(webClient, base + Workload.HI.path(), Map.of(), HiAnswer.class)));
	}

	private static Mono<?> plain(WebClient webClient, String url, Object body, Class<?> answer) {
		return webClient.post()
			.uri(url)
			.header("x-runner-token", BenchData.TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(answer);
	}

	/** Each client reads the right answer of each workload once before anything is measured. */
	static void check(Map<String, Map<Workload, Supplier<Mono<?>>>> calls) {
		List<String> problems = new ArrayList<>();
		calls.forEach((client, workloads) -> workloads.forEach((workload, call) -> {
			Object answer = call.get().block(Duration.ofSeconds(10));
			Object value = (answer instanceof AddAnswer add) ? Integer.valueOf(add.result())
					: (answer instanceof HiAnswer hi) ? hi.result() : answer;
			Object expected = (workload == Workload.ADD) ? Integer.valueOf(3) : BenchData.ITEMS;
			if (!expected.equals(value)) {
				problems.add(client + " read " + workload.id() + " as " + ServerProcess.abbreviate(String.valueOf(value)));
			}
		}));
		if (!problems.isEmpty()) {
			throw new IllegalStateException("wrong answers, nothing measured:\n  " + String.join("\n  ", problems));
		}
	}

	/**
	 * Keeps {@code --connections} calls in flight for some seconds; every answer is checked cheaply (the sum, or the
	 * number of items).
	 */
	static Counts measure(Supplier<Mono<?>> call, Workload workload, int seconds, int connections) {
		Predicate<Object> right = (workload == Workload.ADD)
				? (answer) -> answer.equals(3) || (answer instanceof AddAnswer add && add.result() == 3)
				: (answer) -> (answer instanceof List<?> list && list.size() == BenchData.ITEMS.size())
						|| (answer instanceof HiAnswer hi && hi.result().size() == BenchData.ITEMS.size());
		Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
		AtomicLong calls = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		Flux.range(0, connections)
			.flatMap((lane) -> Mono.defer(() -> {
				long start = System.nanoTime();
				return call.get().doOnNext((answer) -> {
					latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
					calls.incrementAndGet();
					if (!right.test(answer)) {
						errors.incrementAndGet();
					}
				}).onErrorResume((ex) -> {
					errors.incrementAndGet();
					return Mono.empty();
				});
			}).repeat(() -> System.nanoTime() < end), connections)
			.blockLast();
		return new Counts(calls.get(), errors.get(), latency);
	}

	private double micros(long ticks, long count) {
		return (ticks < 0 || count <= 0) ? Double.NaN : ticks * 1e6 / this.clockTicks / count;
	}

	record Counts(long calls, long errors, Histogram latency) {
	}

	/** What the plain client posts to {@code add}. */
	record AddRequest(AddInput input) {
	}

	/** The envelope of {@code add}, as Jackson reads it. */
	record AddAnswer(boolean ok, int result) {
	}

	/** The envelope of {@code hi}, as Jackson reads it. */
	record HiAnswer(boolean ok, List<Item> result) {
	}

}
