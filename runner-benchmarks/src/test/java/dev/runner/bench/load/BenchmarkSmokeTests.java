package dev.runner.bench.load;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.runner.bench.BenchData;
import dev.runner.bench.BenchServers;
import dev.runner.bench.ceiling.CeilingServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The CI smoke run of the benchmarks: no timing, only that every server starts and answers every workload correctly,
 * that two starter instances fan out through a real Redis ({@code redis-server} on a free port), that the harness
 * reads wrk and profiler output, and that every JMH benchmark runs once.
 */
class BenchmarkSmokeTests {

	private static final List<Workload> ALL = Arrays.asList(Workload.values());

	@Test
	void starterServerAnswersEveryWorkload() throws Exception {
		assertServerAnswers("starter");
	}

	@Test
	void bareServerAnswersEveryWorkload() throws Exception {
		assertServerAnswers("bare");
	}

	/**
	 * The startup suite's AOT forms run the code the build generated for the starter server (its process-aot
	 * execution, before the tests): with it, the server starts and answers alike.
	 */
	@Test
	void starterServerAnswersWithItsAheadOfTimeCode() throws Exception {
		assertThat(getClass().getClassLoader().getResource("dev/runner/bench/BenchServers__ApplicationContextInitializer.class"))
			.as("the AOT-generated initializer of the starter server").isNotNull();
		System.setProperty("spring.aot.enabled", "true");
		try {
			assertServerAnswers("starter");
		}
		finally {
			System.clearProperty("spring.aot.enabled");
		}
	}

	@Test
	void starterServerAnswersEveryWorkloadOnItsDirectRoute() throws Exception {
		assertServerAnswers("starter", "--runner.direct-route.enabled=true");
	}

	private static void assertServerAnswers(String kind, String... args) throws Exception {
		try (ConfigurableApplicationContext context = BenchServers.start(kind, 0, args)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(ServerProcess.check(kind, "http://127.0.0.1:" + port, ALL)).isEmpty();
		}
	}

	@Test
	void nodeServerAnswersEveryWorkload() throws Exception {
		assertNodeServerAnswers("node", "server.cjs");
	}

	@Test
	void ceilingServerAnswersEveryWorkload() throws Exception {
		DisposableServer server = CeilingServer.start(0);
		try {
			assertThat(ServerProcess.check("ceiling", "http://127.0.0.1:" + server.port(), ALL)).isEmpty();
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void brahmaServerAnswersEveryWorkload() throws Exception {
		assertNodeServerAnswers("brahma", "brahma-server.cjs");
	}

	private static void assertNodeServerAnswers(String label, String script) throws Exception {
		int port = freePort();
		Process node = startNode(port, script);
		try {
			String origin = "http://127.0.0.1:" + port;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			List<String> problems = List.of("not started");
			while (System.nanoTime() < deadline && node.isAlive()) {
				try {
					problems = ServerProcess.check(label, origin, ALL);
					break;
				}
				catch (java.io.IOException ex) {
					Thread.sleep(100);
				}
			}
			assertThat(problems).isEmpty();
		}
		finally {
			node.destroy();
			node.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void starterAnswersTaskCallsAndFansOutOverItsSocket() throws Exception {
		try (ConfigurableApplicationContext context = BenchServers.start("starter", 0);
				SocketClients clients = new SocketClients()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			URI uri = URI.create("ws://127.0.0.1:" + port + BenchData.BASE_PATH + "/ws");
			ClientSocket socket = clients.open(uri, 1, 1, SocketFrames.NONE).get(0);
			for (Workload workload : List.of(Workload.ADD, Workload.HI)) {
				SocketTaskCalls calls = SocketTaskCalls.of(workload, 2);
				assertThat(SocketBenchmark.firstFrame(clients, socket, calls.request(1), "{\"type\":\"result\""))
					.isEqualTo(calls.expectedAnswer(1));
			}
			assertFansOut(clients, Target.STARTER, uri);
		}
	}

	@Test
	void javaClientAndPlainWebClientReadTheStartersAnswers() throws Exception {
		try (ConfigurableApplicationContext context = BenchServers.start("starter", 0)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Map<String, Map<Workload, Supplier<Mono<?>>>> calls = ClientBenchmark
				.calls("http://127.0.0.1:" + port + BenchData.BASE_PATH);
			ClientBenchmark.check(calls);
			calls.forEach((client, workloads) -> workloads.forEach((workload, call) -> {
				ClientBenchmark.Counts counts = ClientBenchmark.measure(call, workload, 1, 4);
				assertThat(counts.calls()).as(client + " " + workload.id()).isPositive();
				assertThat(counts.errors()).as(client + " " + workload.id()).isZero();
			}));
		}
	}

	@Test
	void bareBroadcasterFansOut() throws Exception {
		try (ConfigurableApplicationContext context = BenchServers.start("bare", 0);
				SocketClients clients = new SocketClients()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertFansOut(clients, Target.BARE, URI.create("ws://127.0.0.1:" + port + "/ws"));
		}
	}

	@Test
	void nodeBroadcasterFansOut() throws Exception {
		int port = freePort();
		Process node = startNode(port, "--expose-gc", "socket-server.cjs");
		try (SocketClients clients = new SocketClients()) {
			URI heap = URI.create("http://127.0.0.1:" + port + "/bench/heap");
			java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
				.version(java.net.http.HttpClient.Version.HTTP_1_1)
				.build();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			String answer = "";
			while (System.nanoTime() < deadline && node.isAlive()) {
				try {
					answer = http.send(java.net.http.HttpRequest.newBuilder(heap).build(),
							java.net.http.HttpResponse.BodyHandlers.ofString()).body();
					break;
				}
				catch (java.io.IOException ex) {
					Thread.sleep(100);
				}
			}
			assertThat(answer).contains("\"heapUsed\":");
			assertFansOut(clients, Target.NODE, URI.create("ws://127.0.0.1:" + port + "/ws"));
		}
		finally {
			node.destroy();
			node.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void starterFansOutAcrossInstancesThroughRedis(@TempDir Path dir) throws Exception {
		Options options = Options.parse(new String[] { "--suite", "broker", "--out", dir.toString() });
		int redisPort = freePort();
		String[] broker = { "--runner.socket.broker=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort };
		try (RedisProcess redis = RedisProcess.start(options, redisPort);
				ConfigurableApplicationContext a = BenchServers.start("starter", 0, broker);
				ConfigurableApplicationContext b = BenchServers.start("starter", 0, broker);
				SocketClients clients = new SocketClients()) {
			SocketFanOut fan = new SocketFanOut(true, 2);
			ClientSocket publisher = clients.open(socketUri(b), 1, 1, fan).get(0);
			List<ClientSocket> subscribers = SocketBenchmark.subscribe(clients, Target.STARTER, socketUri(a), 3, fan);
			redis.awaitSubscriptions(BrokerBenchmark.REDIS_CHANNEL, 1, Duration.ofSeconds(10));
			SocketBenchmark.startFanOut(clients, "across", fan, publisher, subscribers.size(), 1);
			SocketBenchmark.stopFanOut(clients, fan);
			SocketClients.close(subscribers);
			redis.awaitSubscriptions(BrokerBenchmark.REDIS_CHANNEL, 0, Duration.ofSeconds(10));
		}
	}

	private static URI socketUri(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("ws://127.0.0.1:" + port + BenchData.BASE_PATH + "/ws");
	}

	/**
	 * Starts one of the Node servers of {@code src/node} on a port.
	 * @param arguments node flags, then the script's file name
	 */
	private static Process startNode(int port, String... arguments) throws java.io.IOException {
		assumeFalse(Boolean.getBoolean("skip.npm"), "-Dskip.npm=true: the Node server's packages are not installed");
		Path nodeDir = Path.of(System.getProperty("bench.node.dir", "src/node"));
		List<String> command = new java.util.ArrayList<>(List.of("node"));
		command.addAll(Arrays.asList(arguments).subList(0, arguments.length - 1));
		command.add(nodeDir.resolve(arguments[arguments.length - 1]).toString());
		command.add(Integer.toString(port));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	private static int freePort() throws java.io.IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void assertFansOut(SocketClients clients, Target target, URI uri) throws Exception {
		SocketFanOut fan = new SocketFanOut(target == Target.STARTER, 2);
		ClientSocket publisher = clients.open(uri, 1, 1, fan).get(0);
		List<ClientSocket> subscribers = SocketBenchmark.subscribe(clients, target, uri, 3, fan);
		SocketBenchmark.startFanOut(clients, target.id(), fan, publisher, subscribers.size(), 1);
		SocketBenchmark.stopFanOut(clients, fan);
	}

	@Test
	void readsClassHistograms() {
		ClassHistogram low = ClassHistogram.parse("""
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:          1000          64000  [B (java.base@17.0.15)
				   2:            10            240  java.lang.String (java.base@17.0.15)
				""");
		ClassHistogram high = ClassHistogram.parse("""
				   1:          3000         192000  [B (java.base@17.0.15)
				   2:           210           5040  java.lang.String (java.base@17.0.15)
				Total          3210         197040
				""");
		List<ClassHistogram.Growth> growth = high.growthSince(low, 100, 5);
		assertThat(growth).extracting(ClassHistogram.Growth::className).containsExactly("[B", "java.lang.String");
		assertThat(growth.get(0).bytesPerSocket()).isEqualTo(1280.0);
		assertThat(growth.get(1).instancesPerSocket()).isEqualTo(2.0);
	}

	@Test
	void readsWrkReport() {
		String report = """
				Running 10s test @ http://127.0.0.1:18081/__runner/task/bench.add
				  1 threads and 50 connections
				  Thread Stats   Avg      Stdev     Max   +/- Stdev
				    Latency     2.10ms  500.00us  30.00ms   90.00%
				    Req/Sec    24.00k     1.00k   26.00k    70.00%
				  Latency Distribution
				     50%  850.00us
				     75%    2.00ms
				     90%    3.00ms
				     99%    1.20s
				  238901 requests in 10.00s, 30.00MB read
				  Socket errors: connect 0, read 2, write 0, timeout 1
				  Non-2xx or 3xx responses: 4
				Requests/sec:  23889.45
				Transfer/sec:      3.00MB
				""";
		Wrk.Result result = Wrk.parse(report);
		assertThat(result.rps()).isEqualTo(23889.45);
		assertThat(result.p50Ms()).isEqualTo(0.85);
		assertThat(result.p99Ms()).isEqualTo(1200.0);
		assertThat(result.requests()).isEqualTo(238901);
		assertThat(result.errors()).isEqualTo(7);
	}

	@Test
	void tabulatesCollapsedStacks(@TempDir Path dir) throws Exception {
		Path collapsed = dir.resolve("p.collapsed");
		Files.writeString(collapsed, """
				java/lang/Thread.run;io/netty/util/concurrent/FastThreadLocalRunnable.run;dev/runner/spring/web/RunnerAuthenticator.authenticate;sun/security/provider/SHA2.implCompress 30
				java/lang/Thread.run;io/netty/util/concurrent/FastThreadLocalRunnable.run;dev/runner/spring/web/TunnelBodyReader.decode;tools/jackson/core/json/UTF8StreamJsonParser.nextToken 50
				java/lang/Thread.run;io/netty/channel/epoll/Native.epollWait 20
				""");
		String tables = Profiler.tables(Profiler.readCollapsed(collapsed), 5, 10, 0);
		assertThat(tables).contains("Samples: 100 (event-loop threads 80, 80.0 %)")
			.contains("CPU per request 10000.0 us")
			.contains("| runner: RunnerAuthenticator.authenticate (token) | 30.0 | 37.5 | 3000.0 |")
			.contains("| Jackson (any frame) | 50.0 | 62.5 | 5000.0 |")
			.contains("| 1 | `tools/jackson/core/json/UTF8StreamJsonParser.nextToken` | 50.0 |")
			.contains("| 1 | `dev/runner/spring/web/TunnelBodyReader.decode` | 50.0 | 5000.0 |");
		// with the CPU time measured meanwhile (0.5 s), each of the 100 samples stands for 5 ms of it
		assertThat(Profiler.tables(Profiler.readCollapsed(collapsed), 5, 10, 500_000))
			.contains("CPU per request 50000.0 us");
	}

	@Test
	void everyJmhBenchmarkRunsOnce() throws Exception {
		var options = new OptionsBuilder().include("dev\\.runner\\.bench\\.jmh\\.")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(50))
			.verbosity(VerboseMode.SILENT)
			.build();
		var results = new Runner(options).run();
		// SerializerBenchmark: 4 methods x 5 vectors; BindBenchmark: 2 methods x 2 vectors; ContractBenchmark: 2 x 2.
		assertThat(results).hasSize(28);
		assertThat(results).allSatisfy(
				(RunResult result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
