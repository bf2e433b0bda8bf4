package dev.runner.spring.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.broker.RedisRunnerBroker;
import dev.runner.spring.broker.RunnerBrokerHealthIndicator;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.RedisServer;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Redis killed under two instances and started again on the same port (docs/socket.md §7.1): local delivery goes on
 * while it is down and publishing never waits for it, the {@code runnerBroker} health is {@code DOWN}, and once it is
 * back the subscriptions are restored, the health is {@code UP} and publications cross instances again, each
 * delivered once.
 */
class RedisBrokerRestartIntegrationTests {

	@RegisterExtension
	@Order(1)
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	@Order(2)
	static final TunnelServer a = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS, "runner.socket.broker=redis",
			redis.property());

	@RegisterExtension
	@Order(3)
	static final TunnelServer b = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS, "runner.socket.broker=redis",
			redis.property());

	@Test
	void deliversLocallyWhileRedisIsDownAndAcrossInstancesOnceItIsBack() throws Exception {
		try (SocketClient alice = SocketClient.authenticated(a.port());
				SocketClient bob = SocketClient.authenticated(b.port())) {
			for (SocketClient client : List.of(alice, bob)) {
				client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"news\"}");
				assertThat(client.next().get("result").asBoolean()).isTrue();
			}
			awaitHeld("news");
			assertThat(health(a).getStatus()).isEqualTo(Status.UP);
			assertThat(health(a).getDetails()).containsEntry("broker", "redis")
				.containsEntry("instance", a.bean(RedisRunnerBroker.class).instanceId())
				.containsEntry("channels", 1)
				.containsKey("probeMillis");
			redis.stop();
			assertThat(health(a).getStatus()).as("health while Redis is down").isEqualTo(Status.DOWN);
			await("a notices", () -> !a.bean(RedisRunnerBroker.class).isAvailable());
			double failures = failures(a);
			long started = System.nanoTime();
			a.bean(RunnerChannels.class).publish("news", "while down").block(Duration.ofSeconds(1));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("publish waits for nothing")
				.isLessThan(Duration.ofSeconds(1));
			assertThat(alice.nextText()).isEqualTo("{\"type\":\"message\",\"channel\":\"news\",\"data\":\"while down\"}");
			assertThat(failures(a)).as("the relay failed at once, counted").isEqualTo(failures + 1);
			redis.start();
			// Publications from b until alice gets one: the subscriptions come back without a restart.
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			int sent = 0;
			List<JsonNode> seenByAlice = new ArrayList<>();
			while (seenByAlice.stream().noneMatch((frame) -> frame.path("data").asString().startsWith("back "))) {
				if (System.nanoTime() > deadline) {
					fail("No publication crossed within 20 s of Redis coming back");
				}
				b.bean(RunnerChannels.class).publish("news", "back " + sent++).block();
				String frame = alice.poll(Duration.ofMillis(200));
				if (frame != null) {
					seenByAlice.add(SocketClient.JSON.readTree(frame));
				}
			}
			// a's subscription is back (alice got b's publication); b's own may come back a moment later
			assertThat(health(a).getStatus()).as("health once Redis is back").isEqualTo(Status.UP);
			await("b's probe comes back", () -> health(b).getStatus() == Status.UP);
			assertThat(a.bean(MeterRegistry.class).get("runner.broker.probe").timer().count()).isGreaterThanOrEqualTo(2);
			// Both ends report UP; publications from b until alice's socket sees one again: CI once saw the first
			// publication after both reported UP lost (the two instances' Lettuce connections come back up to 2 s
			// apart), which this test does not assert
			settle(alice, bob);
			// once more, now that it works: exactly one each
			b.bean(RunnerChannels.class).publish("news", "once").block();
			String once = "{\"type\":\"message\",\"channel\":\"news\",\"data\":\"once\"}";
			assertThat(drainUntil(alice, once)).isEqualTo(once);
			assertThat(drainUntil(bob, once)).isEqualTo(once);
			assertThat(alice.quietFor(Duration.ofMillis(500))).as("nothing twice for alice").isTrue();
			assertThat(bob.quietFor(Duration.ofMillis(1))).as("nothing twice for bob").isTrue();
		}
	}

	/**
	 * Skips the earlier "back" and "settle" messages still arriving and returns the next frame: the one published
	 * while Redis was down is never among them, it was not relayed.
	 */
	private static String drainUntil(SocketClient client, String expected) {
		while (true) {
			String frame = client.nextText();
			if (frame.equals(expected) || !(frame.contains("\"back ") || frame.contains("\"settle "))) {
				return frame;
			}
		}
	}

	private static void settle(SocketClient alice, SocketClient bob) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		boolean aliceSaw = false;
		boolean bobSaw = false;
		for (int sent = 0; !(aliceSaw && bobSaw); sent++) {
			if (System.nanoTime() > deadline) {
				fail("Publications from b did not reach both sockets within 20 s of both instances reporting UP");
			}
			b.bean(RunnerChannels.class).publish("news", "settle " + sent).block();
			aliceSaw |= sawSettle(alice.poll(Duration.ofMillis(200)));
			bobSaw |= sawSettle(bob.poll(Duration.ofMillis(1)));
		}
	}

	private static boolean sawSettle(String frame) {
		return frame != null && frame.contains("\"settle ");
	}

	private static double failures(TunnelServer server) {
		return server.bean(MeterRegistry.class).find("runner.broker.failures").tag("operation", "publish").counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("Not within 10 s: " + what);
			}
			Thread.sleep(20);
		}
	}

	private static Health health(TunnelServer server) {
		return server.bean(RunnerBrokerHealthIndicator.class).health(true).block(Duration.ofSeconds(5));
	}

	private static void awaitHeld(String channel) throws InterruptedException {
		for (int i = 0; i < 500; i++) {
			if (a.bean(RedisRunnerBroker.class).heldChannels().contains(channel)
					&& b.bean(RedisRunnerBroker.class).heldChannels().contains(channel)) {
				return;
			}
			Thread.sleep(20);
		}
		fail("Both instances did not hold " + channel + " within 10 s");
	}

}
