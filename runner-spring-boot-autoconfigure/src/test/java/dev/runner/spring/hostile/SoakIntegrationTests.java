package dev.runner.spring.hostile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.convert.DurationStyle;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sustained load: many concurrent clients mixing tasks, events, failing tasks, typed errors, invalid bodies, junk ids
 * and calls abandoned mid-flight, for {@code runner.soak.duration} (60 s by default; {@code -Drunner.soak.duration=30m}
 * for a long run) at {@code runner.soak.concurrency} requests in flight (64). Every response is checked byte for byte
 * against what its request must get; every event emission answered 200 must have run its three listeners; abandoned
 * calls must leave no handler running.
 */
class SoakIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(HostileProfile.class, ProfileP.TOKENS,
			"logging.level.dev.runner.spring.web.TunnelResponses=off");

	private static final Duration DURATION = DurationStyle
		.detectAndParse(System.getProperty("runner.soak.duration", "60s"));

	private static final int CONCURRENCY = Integer.getInteger("runner.soak.concurrency", 64);

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	private final List<String> unexpected = new CopyOnWriteArrayList<>();

	@Test
	void answersEveryRequestCorrectlyUnderSustainedLoad() {
		HostileProfile.Counters counters = server.bean(HostileProfile.Counters.class);
		counters.reset();
		ConnectionProvider connections = ConnectionProvider.builder("soak")
			.maxConnections(CONCURRENCY)
			.pendingAcquireMaxCount(-1)
			.build();
		HttpClient client = HttpClient.create(connections)
			.baseUrl("http://127.0.0.1:" + server.port())
			.headers((headers) -> headers.set("x-runner-token", "secret")
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
		long deadline = System.nanoTime() + DURATION.toNanos();
		long start = System.nanoTime();
		try {
			Flux.<Long, Long>generate(() -> 0L, (i, sink) -> {
				if (System.nanoTime() < deadline) {
					sink.next(i);
				}
				else {
					sink.complete();
				}
				return i + 1;
			}).flatMap((i) -> call(client, i), CONCURRENCY).blockLast(DURATION.plusMinutes(2));
		}
		finally {
			connections.disposeLater().block(Duration.ofSeconds(10));
		}
		double seconds = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
		await().atMost(Duration.ofSeconds(20))
			.until(() -> counters.started.get() == counters.finished.get() + counters.cancelled.get());
		long requests = this.outcomes.values().stream().mapToLong(AtomicLong::get).sum();
		long emissions = count("event-200");
		Map<String, Long> figures = new TreeMap<>();
		this.outcomes.forEach((name, n) -> figures.put(name, n.get()));
		Robustness.print("soak", "seconds=" + seconds + " concurrency=" + CONCURRENCY + " requests=" + requests
				+ " per-second=" + Math.round(requests / seconds) + " unexpected=" + this.unexpected.size()
				+ " emissions-200=" + emissions + " listener-runs=" + counters.listenerRuns.get()
				+ " abandoned-tasks-cancelled=" + counters.cancelled.get() + " outcomes=" + figures);
		assertThat(this.unexpected).as("unexpected responses").isEmpty();
		assertThat(counters.listenerRuns.get()).as("listener runs of the emissions answered 200")
			.isEqualTo(3 * emissions);
		assertThat(count("abandoned")).isPositive();
		assertThat(requests).isGreaterThan(DURATION.toSeconds() * 50);
	}

	private long count(String outcome) {
		AtomicLong count = this.outcomes.get(outcome);
		return (count != null) ? count.get() : 0;
	}

	/** One request, chosen by its index, and the check of its response. */
	/** Longest wait for one answer: a call still unanswered then is an unexpected outcome, named in the failure. */
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	private Mono<Void> call(HttpClient client, long i) {
		int kind = (int) (i % 20);
		long a = i % 1000;
		long b = (i * 7) % 1000;
		return switch (kind) {
			case 0, 1, 2, 3, 4, 5, 6 -> expect(client, "add", "/__runner/task/app.tasks.add",
					"{\"input\":{\"a\":" + a + ",\"b\":" + b + "}}", 200, ok(String.valueOf(a + b)));
			case 7, 8, 9 -> {
				String value = "{\"n\":" + i + ",\"s\":\"s-" + i + "\",\"d\":{\"__type\":\"Date\",\"value\":"
						+ "\"1970-01-01T00:00:00.000Z\"},\"l\":[true,null,1.5]}";
				yield expect(client, "echo", "/__runner/task/app.tasks.echo", "{\"input\":" + value + "}", 200,
						ok(value));
			}
			case 10, 11 -> expect(client, "event", "/__runner/event/hostile.events.counted",
					"{\"payload\":{\"n\":" + i + "}}", 200, "{\"ok\":true}");
			case 12 -> expect(client, "event", "/__runner/event/hostile.events.counted",
					"{\"payload\":{\"n\":" + i + "},\"returnPayload\":true}", 200, ok("{\"n\":" + i + "}"));
			case 13 -> expect(client, "fail", "/__runner/task/app.tasks.fail", "{}", 500,
					error("Internal Error", "INTERNAL_ERROR"));
			case 14 -> expect(client, "typed", "/__runner/task/app.tasks.typed", "{}", 409, ProfileP.CONFLICT);
			case 15 -> expect(client, "invalid-json", "/__runner/task/app.tasks.echo", "{\"input\":", 400,
					error("Invalid JSON body", "INVALID_JSON"));
			case 16 -> expect(client, "junk-id", "/__runner/task/junk." + i, "{}", 403,
					error("Task junk." + i + " not exposed", "FORBIDDEN"));
			case 17 -> expect(client, "slow", "/__runner/task/hostile.slow", "20", 200, ok("20"));
			default -> abandon(client);
		};
	}

	private Mono<Void> expect(HttpClient client, String name, String path, String body, int status, String expected) {
		return client.post()
			.uri(path)
			.send(ByteBufFlux.fromString(Mono.just(body)))
			.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map((text) -> {
				if (response.status().code() != status || !text.equals(expected)) {
					record("unexpected-" + name);
					if (this.unexpected.size() < 10) {
						this.unexpected.add(name + " " + path + " " + body + " -> " + response.status().code() + " "
								+ text);
					}
				}
				else {
					record(name + "-" + status);
				}
				return text;
			}))
			.timeout(RESPONSE_TIMEOUT)
			.onErrorResume((ex) -> {
				record("unexpected-" + name);
				this.unexpected.add(name + " " + path + " failed: " + ex);
				return Mono.empty();
			})
			.then();
	}

	/** A call to a slow task given up after a few milliseconds: the client closes the connection. */
	private Mono<Void> abandon(HttpClient client) {
		return client.post()
			.uri("/__runner/task/hostile.slow")
			.send(ByteBufFlux.fromString(Mono.just("5000")))
			.responseSingle((response, content) -> content.asString())
			.timeout(Duration.ofMillis(30))
			.doOnNext((text) -> {
				record("unexpected-abandoned");
				this.unexpected.add("abandoned call answered: " + text);
			})
			.onErrorResume(TimeoutException.class, (ex) -> {
				record("abandoned");
				return Mono.empty();
			})
			.then();
	}

	private void record(String outcome) {
		this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
	}

}
