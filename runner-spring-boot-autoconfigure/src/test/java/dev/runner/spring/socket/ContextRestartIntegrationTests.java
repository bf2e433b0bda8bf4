package dev.runner.spring.socket;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.Metrics;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.netty.resolver.DefaultAddressResolverGroup;
import reactor.core.publisher.Hooks;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.RedisServer;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What DevTools does all day: an application with the tunnel, the socket, the Redis broker, observations, metrics and
 * an every-second schedule is started, used (an HTTP call, a socket call, a subscription) and closed 50 times.
 * Afterwards no thread (no {@code runner-schedule-} thread in particular), socket, Redis connection, Reactor hook,
 * context-propagation accessor or global Micrometer registry is left over from them: each count is back to what it was
 * after the first round. (Lettuce's own DNS resolver does leave a UDP socket per
 * restart; the app resolves with the JDK's, as the README advises for DevTools, see {@link RestartedApp}.)
 */
class ContextRestartIntegrationTests {

	private static final int RESTARTS = 50;

	@RegisterExtension
	@Order(1)
	static final RedisServer redis = new RedisServer();

	@Test
	void fiftyRestartsLeaveNothingBehind() throws Exception {
		round(); // the first round creates what lives as long as the JVM (Reactor's shared schedulers, class data)
		Map<String, Integer> before = await().atMost(Duration.ofSeconds(20))
			.until(ContextRestartIntegrationTests::counts, (counts) -> counts.get("sockets") <= 4);
		for (int i = 1; i < RESTARTS; i++) {
			round();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, Integer> after = counts();
			assertThat(after).as("after %s restarts, against %s after the first (threads: %s; sockets: %s)", RESTARTS,
					before, threadNames(), socketDetails())
				.allSatisfy((what, count) -> assertThat(count).as(what).isLessThanOrEqualTo(before.get(what)));
			assertThat(threadNames()).as("schedule threads").noneMatch((name) -> name.startsWith("runner-schedule-"));
		});
	}

	private static void round() throws Exception {
		TunnelServer server = TunnelServer.of(RestartedApp.class, ProfileP.TOKENS, "runner.socket.broker=redis",
				redis.property(), "runner.schedules[app.tasks.echo].cron=* * * * * *",
				"runner.schedules[app.tasks.echo].input=\"tick\"");
		server.beforeAll(null);
		try {
			assertThat(server.post("/__runner/task/app.tasks.echo", "{\"input\":\"x\"}").status()).isEqualTo(200);
			try (SocketClient client = SocketClient.authenticated(server.port())) {
				client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"restart\"}");
				assertThat(client.next().get("result").asBoolean()).isTrue();
				client.send("{\"type\":\"task\",\"id\":\"t\",\"task\":\"app.tasks.echo\",\"input\":\"y\"}");
				assertThat(client.next().path("ok").asBoolean()).isTrue();
			}
		}
		finally {
			server.afterAll(null);
		}
	}

	/**
	 * The socket test app, with Lettuce resolving host names with the JDK's resolver: its default, Netty's DNS
	 * resolver, is shared by every Lettuce client of the JVM and keeps one UDP socket open per event loop it served,
	 * so each restart would leave one behind (Lettuce 7.5 does not close it when its client resources shut down).
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(SocketTestApp.class)
	static class RestartedApp {

		@Bean
		ClientResourcesBuilderCustomizer jdkAddressResolver() {
			return (builder) -> builder.addressResolverGroup(DefaultAddressResolverGroup.INSTANCE);
		}

	}

	private static Map<String, Integer> counts() {
		Map<String, Integer> counts = new TreeMap<>();
		counts.put("threads", threadNames().size());
		counts.put("sockets", sockets());
		counts.put("redis connections", redisConnections());
		counts.put("reactor operator hooks", hooks("onEachOperatorHooks") + hooks("onLastOperatorHooks"));
		counts.put("context-propagation accessors", ContextRegistry.getInstance().getThreadLocalAccessors().size());
		counts.put("global meter registries", Metrics.globalRegistry.getRegistries().size());
		return counts;
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	/** The open sockets of this JVM ({@code /proc/self/fd} links to {@code socket:[…]}). */
	private static int sockets() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return (int) fds.filter((fd) -> {
				try {
					return Files.readSymbolicLink(fd).toString().startsWith("socket:");
				}
				catch (IOException ex) {
					return false; // closed meanwhile
				}
			}).count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What the open sockets are, for the failure message: the {@code /proc/net} line of each socket's inode, by kind.
	 */
	private static Map<String, Long> socketDetails() {
		Set<String> inodes;
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			inodes = fds.map((fd) -> {
				try {
					return Files.readSymbolicLink(fd).toString();
				}
				catch (IOException ex) {
					return "";
				}
			}).filter((link) -> link.startsWith("socket:[")).map((link) -> link.substring(8, link.length() - 1))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Map<String, Long> kinds = new TreeMap<>();
		for (String table : new String[] { "tcp", "tcp6", "unix", "udp", "udp6", "netlink", "raw", "raw6" }) {
			Path path = Path.of("/proc/net", table);
			if (!Files.exists(path)) {
				continue;
			}
			try (Stream<String> lines = Files.lines(path)) {
				lines.map(String::trim).map((line) -> line.split("\\s+")).forEach((fields) -> {
					int inode = table.equals("unix") ? 6 : 9;
					if (fields.length > inode && inodes.contains(fields[inode])) {
						String what = table.equals("unix") ? "unix"
								: table + " local " + fields[1] + " remote " + fields[2] + " state " + fields[3];
						kinds.merge(what.replaceAll("local [0-9A-F.:]+:([0-9A-F]{4})", "local port $1"), 1L,
								Long::sum);
					}
				});
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return kinds;
	}

	/** Established TCP connections to the test Redis ({@code /proc/net/tcp}: remote port, state 01). */
	private static int redisConnections() {
		String port = String.format(":%04X", redis.port());
		try (Stream<String> lines = Stream.concat(Files.lines(Path.of("/proc/net/tcp")),
				Files.exists(Path.of("/proc/net/tcp6")) ? Files.lines(Path.of("/proc/net/tcp6")) : Stream.empty())) {
			return (int) lines.map(String::trim).map((line) -> line.split("\\s+"))
				.filter((fields) -> fields.length > 3 && fields[2].endsWith(port) && fields[3].equals("01"))
				.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The size of one of Reactor's global hook maps (read reflectively: Reactor has no getter for them). */
	private static int hooks(String name) {
		try {
			Field field = Hooks.class.getDeclaredField(name);
			field.setAccessible(true);
			return ((Map<?, ?>) field.get(null)).size();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Reactor's Hooks." + name + " is gone: update this test", ex);
		}
	}

}
