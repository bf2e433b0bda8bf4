package dev.runner.bench.load;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.runner.bench.load.BrokerReport.Placement;
import dev.runner.bench.load.SocketFanOut.Counts;

/**
 * The broker suite ({@code runner-benchmarks/bench --suite broker}): the starter's fan-out across instances through
 * Redis against the same fan-out within one instance, in one run. It starts a {@code redis-server}
 * ({@link RedisProcess}) and three starter servers, all pinned to the server CPUs: {@code one} without a broker, and
 * instances {@code a} and {@code b} with {@code runner.socket.broker=redis} on that Redis. For each subscriber count
 * of {@code --sockets} and each round, each {@link Placement} in turn (order rotated every round) opens its
 * subscribers, waits until Redis holds exactly the subscriptions it should (one for {@code a} while {@code a} has
 * subscribers, none otherwise), warms up, takes one {@link SocketFanOut} measurement and closes its subscribers. The
 * CPU time of the four processes is read around each measurement, less what each uses in the same time while nothing
 * is published (measured once, before round 1: the JVMs' own work, the brokers' probe every second), so that the
 * report can say what the broker costs per publication and where: in Redis, in the publisher's instance, in the
 * subscribers' instance.
 *
 * @since 0.1.0
 */
final class BrokerBenchmark {

	/** The starter's Redis channel of the fan-out's runner channel (default {@code runner.socket.broker-prefix}). */
	static final String REDIS_CHANNEL = "runner:channel:" + SocketFanOut.CHANNEL;

	private static final Duration REDIS_WAIT = Duration.ofSeconds(30);

	/**
	 * The first warm-up of a placement lasts this many times {@code --warmup}: three JVMs share the server CPU, and the
	 * per-publication figures of one subscriber were still falling after one.
	 */
	static final int FIRST_WARMUP_FACTOR = 3;

	private final Options options;

	private final String environment;

	private final long clockTicks = ServerProcess.clockTicksPerSecond();

	private final List<BrokerReport.Fan> fans = new ArrayList<>();

	private final Map<Placement, ServerProcess> publishers = new EnumMap<>(Placement.class);

	private final Map<Placement, ServerProcess> subscribers = new EnumMap<>(Placement.class);

	/** CPU ticks per {@code --duration} of Redis and each server while nothing is published. */
	private long[] idle;

	private String idleCpu = "";

	BrokerBenchmark(Options options, String environment) {
		this.options = options;
		this.environment = environment;
	}

	void run() throws Exception {
		List<ServerProcess> servers = new ArrayList<>();
		try (RedisProcess redis = RedisProcess.start(this.options, this.options.port + 3);
				SocketClients clients = new SocketClients()) {
			log("redis-server on port %d, pid %d", this.options.port + 3, redis.pid());
			List<String> broker = List.of("--runner.socket.broker=redis", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + (this.options.port + 3));
			ServerProcess one = start("one", this.options.port, List.of(), servers);
			ServerProcess a = start("a", this.options.port + 1, broker, servers);
			ServerProcess b = start("b", this.options.port + 2, broker, servers);
			place(Placement.ONE, one, one);
			place(Placement.SAME, a, a);
			place(Placement.ACROSS, b, a);
			measure(clients, redis, List.of(one, a, b));
		}
		finally {
			for (ServerProcess server : servers) {
				server.close();
			}
		}
		if (this.options.checkOnly) {
			log("check only: every placement delivered every message right");
			return;
		}
		String summary = BrokerReport.summary(this.options, this.fans, this.idleCpu);
		String report = "# Broker benchmark " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n"
				+ this.environment + "\n" + summary + "\n" + BrokerReport.rounds(this.fans);
		Files.writeString(this.options.out.resolve("results.md"), report);
		System.out.println();
		System.out.println(summary);
		log("results: %s", this.options.out);
	}

	private void place(Placement placement, ServerProcess publisher, ServerProcess subscribers) {
		this.publishers.put(placement, publisher);
		this.subscribers.put(placement, subscribers);
	}

	private void measure(SocketClients clients, RedisProcess redis, List<ServerProcess> servers) throws Exception {
		Map<Placement, SocketFanOut> fans = new EnumMap<>(Placement.class);
		Map<Placement, ClientSocket> publishers = new EnumMap<>(Placement.class);
		for (Placement placement : Placement.values()) {
			SocketFanOut fan = new SocketFanOut(true, this.options.window);
			fans.put(placement, fan);
			publishers.put(placement,
					clients.open(this.publishers.get(placement).socketUri(), 1, 1, fan).get(0));
		}
		if (!this.options.checkOnly) {
			Thread.sleep(3000);
			long[] before = ticks(redis, servers);
			Thread.sleep(this.options.duration * 1000L);
			this.idle = difference(ticks(redis, servers), before);
			List<String> rates = new ArrayList<>();
			rates.add(String.format(Locale.ROOT, "Redis %.1f %%", percent(this.idle[0])));
			for (int i = 0; i < servers.size(); i++) {
				rates.add(String.format(Locale.ROOT, "%s %.1f %%", servers.get(i).label(),
						percent(this.idle[1 + i])));
			}
			this.idleCpu = String.join(", ", rates);
			log("idle CPU over %d s: %s", this.options.duration, this.idleCpu);
		}
		Set<Placement> warm = EnumSet.noneOf(Placement.class);
		int rounds = this.options.checkOnly ? 1 : this.options.rounds;
		for (int size : this.options.sockets) {
			for (int round = 1; round <= rounds; round++) {
				List<Placement> order = new ArrayList<>(List.of(Placement.values()));
				Collections.rotate(order, -(round - 1));
				for (Placement placement : order) {
					fanOut(clients, redis, servers, placement, fans.get(placement), publishers.get(placement), size,
							round, warm.add(placement) ? FIRST_WARMUP_FACTOR * this.options.warmup
									: Math.min(this.options.warmup, 3));
				}
			}
		}
	}

	/**
	 * One measurement of a placement: subscribers opened on its subscribers' instance, Redis's subscriptions awaited,
	 * warm-up, check, measurement (not with {@code --check-only}), publisher stopped, subscribers closed and Redis's
	 * subscription awaited gone.
	 */
	private void fanOut(SocketClients clients, RedisProcess redis, List<ServerProcess> servers, Placement placement,
			SocketFanOut fan, ClientSocket publisher, int size, int round, int warmup) throws Exception {
		ServerProcess subscribing = this.subscribers.get(placement);
		ServerProcess publishing = this.publishers.get(placement);
		List<ClientSocket> sockets = SocketBenchmark.subscribe(clients, Target.STARTER, subscribing.socketUri(), size,
				fan);
		redis.awaitSubscriptions(REDIS_CHANNEL, placement.brokered() ? 1 : 0, REDIS_WAIT);
		SocketBenchmark.startFanOut(clients, placement.id(), fan, publisher, sockets.size(), warmup);
		if (!this.options.checkOnly) {
			long[] before = ticks(redis, servers);
			long harness = ServerProcess.cpuTicks("self");
			Counts counts = SocketBenchmark.measureFanOut(clients, fan, this.options.duration);
			long[] used = difference(ticks(redis, servers), before);
			for (int i = 0; i < used.length; i++) {
				used[i] -= this.idle[i];
			}
			double publications = counts.delivered() / (double) size;
			double redisCpu = perPublication(used[0], publications);
			double subscribersCpu = perPublication(used[1 + servers.indexOf(subscribing)], publications);
			double publisherCpu = (publishing == subscribing) ? 0
					: perPublication(used[1 + servers.indexOf(publishing)], publications);
			BrokerReport.Fan result = new BrokerReport.Fan(round, placement, size,
					counts.delivered() / (double) this.options.duration,
					counts.completed() / (double) this.options.duration,
					counts.latencyMicros().getValueAtPercentile(50) / 1000.0,
					counts.latencyMicros().getValueAtPercentile(99) / 1000.0, subscribersCpu, publisherCpu, redisCpu,
					(ServerProcess.cpuTicks("self") - harness) * 100.0 / this.clockTicks / this.options.duration,
					counts.lost() + counts.wrong());
			this.fans.add(result);
			log("round %d %-6s %6d sockets %10.0f messages/s  p50 %7.2f ms  p99 %7.2f ms  CPU us/publication (net):"
					+ " subscribers' instance %7.1f, publisher's %5.1f, Redis %5.1f  client CPU %3.0f %%%s", round,
					placement.id(), size, result.messagesPerSecond(), result.p50Ms(), result.p99Ms(),
					result.subscribersCpu(), result.publisherCpu(), result.redisCpu(), result.harnessCpu(),
					(result.lost() > 0) ? "  LOST " + result.lost() : "");
		}
		SocketBenchmark.stopFanOut(clients, fan);
		SocketClients.close(sockets);
		redis.awaitSubscriptions(REDIS_CHANNEL, 0, REDIS_WAIT);
	}

	private static long[] ticks(RedisProcess redis, List<ServerProcess> servers) {
		long[] ticks = new long[1 + servers.size()];
		ticks[0] = redis.cpuTicks();
		for (int i = 0; i < servers.size(); i++) {
			ticks[1 + i] = servers.get(i).cpuTicks();
		}
		return ticks;
	}

	private static long[] difference(long[] after, long[] before) {
		long[] difference = new long[after.length];
		for (int i = 0; i < after.length; i++) {
			difference[i] = after[i] - before[i];
		}
		return difference;
	}

	private double percent(long ticks) {
		return ticks * 100.0 / this.clockTicks / this.options.duration;
	}

	private double perPublication(long ticks, double publications) {
		return (publications <= 0) ? Double.NaN : ticks * 1e6 / this.clockTicks / publications;
	}

	private ServerProcess start(String label, int port, List<String> arguments, List<ServerProcess> servers)
			throws Exception {
		log("starting starter %s on port %d (taskset -c %s) %s", label, port, this.options.serverCpu,
				String.join(" ", arguments));
		ServerProcess server = ServerProcess.start(Target.STARTER, label, port, this.options, List.of(), arguments);
		servers.add(server);
		server.awaitHeapProbe(Duration.ofSeconds(120));
		log("%s ready, pid %d, RSS %d MiB", label, server.pid(), server.memoryKib("VmRSS") / 1024);
		return server;
	}

	private static void log(String format, Object... values) {
		LoadBenchmark.log(format, values);
	}

}
