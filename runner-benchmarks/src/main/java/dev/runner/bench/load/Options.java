package dev.runner.bench.load;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link LoadBenchmark}; {@code --help} lists them.
 *
 * @since 0.1.0
 */
final class Options {

	static final String DEFAULT_JVM_OPTIONS = "-Xmx512m -XX:+UseSerialGC";

	static final String USAGE = """
			usage: runner-benchmarks/bench [options]
			  --suite http|socket|broker|client|startup
			                        http: wrk against the three servers (default); socket: task calls over the
			                        starter's socket vs its HTTP tunnel, fan-out and memory per socket against a
			                        bare WebFlux and a Node ws broadcaster; broker: the starter's fan-out across two
			                        instances through Redis vs within one instance (needs redis-server); client:
			                        the Java client vs a plain WebClient calling the starter's add and hi
			                        (--connections calls in flight); startup: time to the first answer and
			                        peak RSS under load of the starter (default, AOT, AOT+CDS, and on Java 25
			                        AOT+AOT cache and the small-instance flags) and of the Node exposure
			  --targets LIST        servers to measure, in this order (default starter,bare,node,brahma,ceiling,
			                        direct: the starter with runner.direct-route.enabled=true)
			  --workloads LIST      add,hi,event,block (default); also add-plain, event-plain
			  --rounds N            measured rounds, each one run of every workload on every target (default 3)
			  --duration S          seconds per measurement (default 10)
			  --warmup S            seconds of JIT warm-up per workload and target before round 1 (default 10)
			  --connections N       wrk connections (default 50)
			  --wrk-threads N       wrk threads (default 1)
			  --server-cpu LIST     taskset CPU list of the servers (default 0)
			  --load-cpu LIST       taskset CPU list of wrk (default 1)
			  --jvm-opts "..."      JVM options of both Java servers (default "%s")
			  --java PATH           java of the servers (default: the one running this)
			  --java25 PATH         Java 25 of the startup suite's AOT-cache forms
			                        (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
			  --node PATH           node binary (default node)
			  --port N              first port; targets use N, N+1, ... in the order above (default 18081)
			  --out DIR             where results go (default runner-benchmarks/target/bench-results/<timestamp>)
			  --profile WORKLOAD    profile mode: async-profiler on one server during one measurement of WORKLOAD
			  --profile-target T    server to profile (default starter; bare works too)
			  --profile-event E     async-profiler event: itimer, cpu or wall (default itimer: cpu's perf events
			                        cut the starter's add to a quarter of its req/s on this VM)
			  --check-only          start the servers, check every response, stop
			socket suite (--workloads then names task workloads: add,hi by default):
			  --socket-clients N    sockets carrying the task calls (default 8)
			  --in-flight N         task calls in flight per socket (default 32; the starter allows 64)
			  --sockets LIST        subscriber counts of the fan-out, ascending (default 1000,10000;
			                        broker suite 1,100,1000,10000)
			  --window N            fan-out publications not yet received by every subscriber (default 4)
			broker suite (ports: one instance N, subscribers' instance N+1, publisher's N+2, Redis N+3):
			  --redis-server PATH   the redis-server binary (default redis-server; Debian: apt-get install -y
			                        redis-server)
			""".formatted(DEFAULT_JVM_OPTIONS);

	List<Target> targets = List.of(Target.STARTER, Target.BARE, Target.NODE, Target.BRAHMA, Target.CEILING,
			Target.DIRECT);

	List<Workload> workloads = Workload.DEFAULTS;

	int rounds = 3;

	int duration = 10;

	int warmup = 10;

	int connections = 50;

	int wrkThreads = 1;

	String serverCpu = "0";

	String loadCpu = "1";

	List<String> jvmOptions = split(DEFAULT_JVM_OPTIONS);

	String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	String node = "node";

	int port = 18081;

	Path out;

	Path moduleDir = Path.of(System.getProperty("bench.module.dir", "runner-benchmarks")).toAbsolutePath().normalize();

	Workload profile;

	Target profileTarget = Target.STARTER;

	String profileEvent = "itimer";

	boolean checkOnly;

	/** The client suite: this harness calls the starter with the Java client and a plain WebClient. */
	boolean clientSuite;

	/** The socket or the broker suite: this harness is the socket client. */
	boolean socketSuite;

	boolean brokerSuite;

	/** The startup suite: launches timed, then each form under load. */
	boolean startupSuite;

	String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

	boolean socketsGiven;

	String redisServer = "redis-server";

	boolean workloadsGiven;

	boolean targetsGiven;

	int socketClients = 8;

	int inFlight = 32;

	List<Integer> sockets = List.of(1000, 10000);

	int window = 4;

	static Options parse(String[] args) {
		Options options = new Options();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.equals("--help") || name.equals("-h")) {
				System.out.print(USAGE);
				System.exit(0);
			}
			if (name.equals("--check-only")) {
				options.checkOnly = true;
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
			}
			String value = args[++i];
			switch (name) {
				case "--targets" -> {
					options.targets = list(value).stream().map(Target::of).toList();
					options.targetsGiven = true;
				}
				case "--workloads" -> {
					options.workloads = list(value).stream().map(Workload::of).toList();
					options.workloadsGiven = true;
				}
				case "--suite" -> {
					if (!List.of("http", "socket", "broker", "client", "startup").contains(value)) {
						throw new IllegalArgumentException(
								"--suite is http, socket, broker, client or startup, not " + value);
					}
					options.clientSuite = value.equals("client");
					options.startupSuite = value.equals("startup");
					options.socketSuite = !value.equals("http") && !options.clientSuite && !options.startupSuite;
					options.brokerSuite = value.equals("broker");
				}
				case "--socket-clients" -> options.socketClients = Integer.parseInt(value);
				case "--in-flight" -> options.inFlight = Integer.parseInt(value);
				case "--sockets" -> {
					options.sockets = list(value).stream().map(Integer::valueOf).sorted().toList();
					options.socketsGiven = true;
				}
				case "--redis-server" -> options.redisServer = value;
				case "--window" -> options.window = Integer.parseInt(value);
				case "--rounds" -> options.rounds = Integer.parseInt(value);
				case "--duration" -> options.duration = Integer.parseInt(value);
				case "--warmup" -> options.warmup = Integer.parseInt(value);
				case "--connections" -> options.connections = Integer.parseInt(value);
				case "--wrk-threads" -> options.wrkThreads = Integer.parseInt(value);
				case "--server-cpu" -> options.serverCpu = value;
				case "--load-cpu" -> options.loadCpu = value;
				case "--jvm-opts" -> options.jvmOptions = split(value);
				case "--java" -> options.java = value;
				case "--java25" -> options.java25 = value;
				case "--node" -> options.node = value;
				case "--port" -> options.port = Integer.parseInt(value);
				case "--out" -> options.out = Path.of(value).toAbsolutePath();
				case "--profile" -> options.profile = Workload.of(value);
				case "--profile-target" -> options.profileTarget = Target.of(value);
				case "--profile-event" -> options.profileEvent = value;
				default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
			}
		}
		if (options.out == null) {
			String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
			options.out = options.moduleDir.resolve("target/bench-results/" + stamp);
		}
		if (options.socketSuite && !options.targetsGiven) {
			// Brahma-JS and the ceiling have no socket (and the direct route is HTTP's): the socket suites measure the other
			// three.
			options.targets = List.of(Target.STARTER, Target.BARE, Target.NODE);
		}
		if (options.socketSuite && (options.targets.contains(Target.BRAHMA) || options.targets.contains(Target.CEILING)
				|| options.targets.contains(Target.DIRECT))) {
			throw new IllegalArgumentException("brahma, ceiling and direct are measured over HTTP only: leave them out of "
					+ "--targets in the socket suites");
		}
		if (options.socketSuite && !options.workloadsGiven) {
			options.workloads = List.of(Workload.ADD, Workload.HI);
		}
		if (options.brokerSuite && !options.socketsGiven) {
			options.sockets = List.of(1, 100, 1000, 10000);
		}
		if (options.socketClients < 1 || options.inFlight < 1 || options.window < 1 || options.sockets.isEmpty()
				|| options.sockets.get(0) < 1) {
			throw new IllegalArgumentException("socket clients, in-flight, window and socket counts must be positive");
		}
		if (options.rounds < 1 || options.duration < 1 || options.connections < 1) {
			throw new IllegalArgumentException("rounds, duration and connections must be positive");
		}
		return options;
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	private static List<String> split(String value) {
		return new ArrayList<>(Arrays.stream(value.trim().split("\\s+")).filter((s) -> !s.isEmpty()).toList());
	}

	List<String> jvmOptions() {
		return this.jvmOptions;
	}

	String java() {
		return this.java;
	}

	String node() {
		return this.node;
	}

	Path nodeDir() {
		return this.moduleDir.resolve("src/node");
	}

	int port(Target target) {
		return this.port + target.ordinal();
	}

}
