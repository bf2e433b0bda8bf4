package dev.runner.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The broker suite's Redis: Debian's {@code redis-server} in its own process on a loopback port, pinned to the server
 * CPUs like the servers, nothing written to disk; the harness talks to it with Lettuce (the client the starter's
 * broker uses through Spring Data Redis).
 *
 * @since 0.1.0
 */
final class RedisProcess implements AutoCloseable {

	private final Process process;

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private RedisProcess(Process process, RedisClient client, StatefulRedisConnection<String, String> connection) {
		this.process = process;
		this.client = client;
		this.connection = connection;
	}

	/**
	 * Starts Redis and waits until it answers {@code PING}.
	 * @param options the benchmark options ({@code --redis-server}, {@code --server-cpu}, {@code --out})
	 * @param port the loopback port
	 * @return the running Redis
	 * @throws IllegalStateException when {@code redis-server} is missing or does not answer within 30 s
	 */
	static RedisProcess start(Options options, int port) throws IOException, InterruptedException {
		try {
			new ProcessBuilder(options.redisServer, "--version").redirectErrorStream(true).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(options.redisServer + " is missing (Debian: apt-get install -y redis-server,"
					+ " or --redis-server PATH)", ex);
		}
		Path log = options.out.resolve("redis-server.log");
		Process process = ServerProcess.pinned(options, List.of(options.redisServer, "--port", Integer.toString(port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", options.out.toString()), log);
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				StatefulRedisConnection<String, String> connection = client.connect();
				connection.sync().ping();
				return new RedisProcess(process, client, connection);
			}
			catch (RedisConnectionException ex) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					client.shutdown();
					process.destroy();
					throw new IllegalStateException("redis-server did not answer on port " + port + "; see " + log, ex);
				}
				Thread.sleep(100);
			}
		}
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * The CPU time Redis has used so far.
	 * @return clock ticks, see {@link ServerProcess#cpuTicks(String)}
	 */
	long cpuTicks() {
		return ServerProcess.cpuTicks(Long.toString(pid()));
	}

	/**
	 * Waits until a Redis channel has a number of subscriptions ({@code PUBSUB NUMSUB}): one per instance that holds it.
	 * @param channel the Redis channel
	 * @param count the subscriptions expected
	 * @param timeout how long to wait
	 * @throws IllegalStateException when it does not within the timeout
	 */
	void awaitSubscriptions(String channel, long count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long now = subscriptions(channel);
		while (now != count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(channel + " has " + now + " subscriptions at Redis, expected " + count
						+ "; channels with subscriptions: " + this.connection.sync().pubsubChannels() + "; clients:\n"
						+ this.connection.sync().clientList());
			}
			Thread.sleep(20);
			now = subscriptions(channel);
		}
	}

	private long subscriptions(String channel) {
		return this.connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
	}

	@Override
	public void close() throws InterruptedException {
		this.connection.close();
		this.client.shutdown();
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
