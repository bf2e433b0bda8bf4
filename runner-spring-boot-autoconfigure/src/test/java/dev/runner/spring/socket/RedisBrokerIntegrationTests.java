package dev.runner.spring.socket;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.broker.RedisRunnerBroker;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.RedisServer;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two instances of an application on one real Redis ({@code runner.socket.broker=redis}, docs/socket.md §7), each
 * with real socket clients: publications, direct sends, remote subscriptions, {@code copySubscriptions} and closes
 * cross from one instance to the other, nothing arrives twice, and a channel is held at Redis only while an instance
 * has a subscriber.
 */
class RedisBrokerIntegrationTests {

	@RegisterExtension
	@Order(1)
	static final RedisServer redis = new RedisServer();

	private static final String[] PROPERTIES = { "runner.socket.broker=redis", redis.property(),
			"runner.socket.client-publish=chat.**", "management.endpoints.web.exposure.include=runner,health",
			"management.endpoint.health.show-details=always" };

	@RegisterExtension
	@Order(2)
	static final TunnelServer a = TunnelServer.of(SocketTestApp.class, with(PROPERTIES, ProfileP.TOKENS));

	@RegisterExtension
	@Order(3)
	static final TunnelServer b = TunnelServer.of(SocketTestApp.class, with(PROPERTIES, ProfileP.TOKENS));

	@Test
	void deliversPublicationsOfEitherInstanceOnceToSubscribersOfBoth() throws Exception {
		try (SocketClient alice = SocketClient.authenticated(a.port());
				SocketClient bob = SocketClient.authenticated(b.port());
				SocketClient carol = SocketClient.authenticated(b.port())) {
			subscribe(alice, "chat.lobby");
			subscribe(bob, "chat.lobby");
			awaitHeld("chat.lobby");
			carol.send("{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"chat.lobby\",\"data\":{\"n\":1}}");
			assertThat(carol.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"p\",\"ok\":true}");
			String message = "{\"type\":\"message\",\"channel\":\"chat.lobby\",\"data\":{\"n\":1}}";
			assertThat(alice.nextText()).isEqualTo(message);
			assertThat(bob.nextText()).isEqualTo(message);
			a.bean(RunnerChannels.class).publish("chat.lobby", Map.of("n", 2)).block();
			String second = "{\"type\":\"message\",\"channel\":\"chat.lobby\",\"data\":{\"n\":2}}";
			assertThat(alice.nextText()).isEqualTo(second);
			assertThat(bob.nextText()).isEqualTo(second);
			assertThat(alice.quietFor(Duration.ofMillis(300))).as("alice got nothing twice").isTrue();
			assertThat(bob.quietFor(Duration.ofMillis(1))).as("bob got nothing twice").isTrue();
			assertThat(carol.quietFor(Duration.ofMillis(1))).as("carol is not subscribed").isTrue();
			JsonNode runner = SocketClient.JSON.readTree(a.request("GET", "/actuator/runner", null).text());
			assertThat(runner.at("/broker/name").asString()).isEqualTo("redis");
			assertThat(runner.at("/broker/instance").asString())
				.isEqualTo(a.bean(RedisRunnerBroker.class).instanceId());
			assertThat(runner.at("/broker/channels").toString()).isEqualTo("[\"chat.lobby\"]");
			JsonNode health = SocketClient.JSON.readTree(a.request("GET", "/actuator/health", null).text());
			assertThat(health.at("/components/runnerBroker/status").asString()).isEqualTo("UP");
			MeterRegistry metersOfA = a.bean(MeterRegistry.class);
			assertThat(metersOfA.get("runner.broker.publications").tag("direction", "received").counter().count())
				.as("carol's publication, received by a").isGreaterThanOrEqualTo(1);
			assertThat(metersOfA.get("runner.broker.publications").tag("direction", "sent").counter().count())
				.as("a's own publication, sent").isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void sendsToASocketOfTheOtherInstance() {
		try (SocketClient bob = SocketClient.authenticated(b.port())) {
			String bobId = whoami(bob);
			assertThat(bobId).startsWith(b.bean(RedisRunnerBroker.class).instanceId() + "-");
			RunnerChannels channels = a.bean(RunnerChannels.class);
			assertThat(channels.send(bobId, "psst").block()).isTrue();
			assertThat(bob.nextText()).isEqualTo("{\"type\":\"direct\",\"data\":\"psst\"}");
			assertThat(channels.send("nosuchinstance-1", "x").block()).as("no instance listens there").isFalse();
		}
	}

	@Test
	void subscribesClosesAndCopiesSubscriptionsOfSocketsOfTheOtherInstance() {
		try (SocketClient alice = SocketClient.authenticated(a.port());
				SocketClient bob = SocketClient.authenticated(b.port())) {
			String bobId = whoami(bob);
			RunnerChannels channels = a.bean(RunnerChannels.class);
			assertThat(channels.subscribe(bobId, "room.one").block()).isTrue();
			await("bob subscribed on b", () -> b.bean(RedisRunnerBroker.class).heldChannels().contains("room.one"));
			subscribe(alice, "room.one");
			channels.copySubscriptions("room.one", "room.two").block();
			await("both instances hold room.two", () -> a.bean(RedisRunnerBroker.class).heldChannels()
				.contains("room.two") && b.bean(RedisRunnerBroker.class).heldChannels().contains("room.two"));
			b.bean(RunnerChannels.class).publish("room.two", "both").block();
			String message = "{\"type\":\"message\",\"channel\":\"room.two\",\"data\":\"both\"}";
			assertThat(alice.nextText()).isEqualTo(message);
			assertThat(bob.nextText()).isEqualTo(message);
			assertThat(channels.unsubscribe(bobId, "room.two").block()).isTrue();
			await("b let go of room.two", () -> !b.bean(RedisRunnerBroker.class).heldChannels().contains("room.two"));
			channels.close(bobId, 4000, "moved").block();
			assertThat(bob.awaitClose(Duration.ofSeconds(5))).isEqualTo(new WebSocketCloseStatus(4000, "moved"));
		}
	}

	@Test
	void holdsAChannelAtRedisOnlyWhileAnInstanceHasASubscriber() {
		String prefix = "runner:channel:churn.";
		try (SocketClient alice = SocketClient.authenticated(a.port())) {
			for (int i = 0; i < 1000; i++) {
				alice.send("{\"type\":\"subscribe\",\"id\":\"s" + i + "\",\"channel\":\"churn." + i + "\"}");
				alice.send("{\"type\":\"unsubscribe\",\"id\":\"u" + i + "\",\"channel\":\"churn." + i + "\"}");
				alice.until("result");
				alice.until("result");
				if (i % 100 == 99) {
					subscribe(alice, "churn.kept" + i);
				}
			}
			await(() -> "10 channels held, not " + redis.channels(prefix), () -> redis.channels(prefix) == 10);
		}
		// the socket closed: its last channels go too
		await(() -> "no channel held, not " + redis.channels(prefix), () -> redis.channels(prefix) == 0);
		assertThat(a.bean(RedisRunnerBroker.class).heldChannels()).noneMatch((name) -> name.startsWith("churn."));
	}

	private static void subscribe(SocketClient client, String channel) {
		client.send("{\"type\":\"subscribe\",\"id\":\"sub\",\"channel\":\"" + channel + "\"}");
		assertThat(client.nextText()).isEqualTo("{\"type\":\"result\",\"id\":\"sub\",\"ok\":true,\"result\":true}");
	}

	private static String whoami(SocketClient client) {
		client.send("{\"type\":\"task\",\"id\":\"me\",\"task\":\"socket.whoami\"}");
		return client.next().at("/result/socketId").asString();
	}

	private static void awaitHeld(String channel) {
		await("both instances hold " + channel, () -> a.bean(RedisRunnerBroker.class).heldChannels().contains(channel)
				&& b.bean(RedisRunnerBroker.class).heldChannels().contains(channel));
	}

	private static void await(String what, BooleanSupplier condition) {
		await(() -> what, condition);
	}

	private static void await(Supplier<String> what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("Not within 10 s: " + what.get());
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static String[] with(String[] properties, String... more) {
		String[] all = new String[properties.length + more.length];
		System.arraycopy(properties, 0, all, 0, properties.length);
		System.arraycopy(more, 0, all, properties.length, more.length);
		return all;
	}

}
