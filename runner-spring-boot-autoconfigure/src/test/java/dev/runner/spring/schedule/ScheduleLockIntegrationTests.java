package dev.runner.spring.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.RedisServer;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of an application with the same every-second schedule on one real Redis: with ShedLock's Redis
 * {@link LockProvider} each occurrence runs on exactly one of them; without it both run every occurrence (which shows
 * the first test can fail).
 */
class ScheduleLockIntegrationTests {

	private static final int SECONDS = 6;

	@RegisterExtension
	@Order(1)
	static final RedisServer redis = new RedisServer();

	@Test
	void runsEachOccurrenceOnOneInstanceWithALockProvider() throws InterruptedException {
		Map<Long, List<String>> bySecond = runTwoInstances(true);
		assertThat(bySecond).as("the instances that ran each second's occurrence")
			.allSatisfy((second, instances) -> assertThat(instances).hasSize(1));
	}

	@Test
	void runsEachOccurrenceOnBothInstancesWithoutALockProvider() throws InterruptedException {
		Map<Long, List<String>> bySecond = runTwoInstances(false);
		assertThat(bySecond).as("the instances that ran each second's occurrence")
			.allSatisfy((second, instances) -> assertThat(instances).containsExactlyInAnyOrder("a", "b"));
	}

	/**
	 * Starts two instances, lets them run for {@link #SECONDS} seconds once both are up, and returns who ran the
	 * occurrence of each whole second when both were up.
	 */
	private static Map<Long, List<String>> runTwoInstances(boolean lock) throws InterruptedException {
		TunnelServer a = instance("a", lock);
		TunnelServer b = instance("b", lock);
		a.beforeAll(null);
		long from;
		long to;
		List<Runs> runsOfBoth;
		try {
			b.beforeAll(null);
			try {
				runsOfBoth = List.of(a.bean(Runs.class), b.bean(Runs.class));
				from = Instant.now().getEpochSecond() + 1;
				Thread.sleep(SECONDS * 1000L);
				to = Instant.now().getEpochSecond() - 1;
			}
			finally {
				b.afterAll(null);
			}
		}
		finally {
			a.afterAll(null);
		}
		Map<Long, List<String>> bySecond = new TreeMap<>();
		LongStream.rangeClosed(from, to).forEach((second) -> bySecond.put(second, new CopyOnWriteArrayList<>()));
		for (Runs runs : runsOfBoth) {
			runs.seconds.stream()
				.filter(bySecond::containsKey)
				.forEach((second) -> bySecond.get(second).add(runs.instance));
		}
		assertThat(bySecond).as("seconds observed, runs %s", runsOfBoth).hasSizeGreaterThanOrEqualTo(SECONDS - 3);
		return bySecond;
	}

	private static TunnelServer instance(String name, boolean lock) {
		return TunnelServer.of(LockedApp.class, "runner.auth.tokens=secret", redis.property(), "test.instance=" + name,
				"test.lock=" + lock, "runner.schedules[sched.tick].cron=* * * * * *");
	}

	/** What one instance ran: the epoch second of each run. */
	static final class Runs {

		final String instance;

		final List<Long> seconds = new CopyOnWriteArrayList<>();

		Runs(String instance) {
			this.instance = instance;
		}

		@Override
		public String toString() {
			return this.instance + " " + this.seconds.stream().map(String::valueOf).collect(Collectors.joining(","));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LockedApp {

		@Bean
		@ConditionalOnBooleanProperty("test.lock")
		LockProvider lockProvider(RedisConnectionFactory connectionFactory) {
			return new RedisLockProvider(connectionFactory);
		}

		@Bean
		Runs runs(@Value("${test.instance}") String instance) {
			return new Runs(instance);
		}

		@Bean
		Ticker ticker(Runs runs) {
			return new Ticker(runs);
		}

	}

	static class Ticker {

		private final Runs runs;

		Ticker(Runs runs) {
			this.runs = runs;
		}

		@RunnerTask("sched.tick")
		void tick() {
			this.runs.seconds.add(Instant.now().getEpochSecond());
		}

	}

}
