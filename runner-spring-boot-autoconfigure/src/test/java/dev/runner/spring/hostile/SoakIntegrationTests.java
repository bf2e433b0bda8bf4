package dev.runner.spring.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
 * Sustained load: many concurrent clients mixing tasks, events, failing tasks, typed errors, invalid bodies, junk
 * ids, multipart uploads, octet-stream duplex calls, streamed downloads, and calls and uploads abandoned mid-flight
 * (without the file and stream calls with {@code -Drunner.soak.files=false}), for {@code runner.soak.duration} (60 s by default; {@code -Drunner.soak.duration=30m}
 * for a long run) at {@code runner.soak.concurrency} requests in flight (64). Every response is checked byte for byte
 * against what its request must get; every event emission answered 200 must have run its three listeners; abandoned
 * calls and uploads must leave no handler running.
 */
class SoakIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(HostileProfile.class, ProfileP.TOKENS)
		.silencingExpectedFailures();

	private static final Duration DURATION = DurationStyle
		.detectAndParse(System.getProperty("runner.soak.duration", "60s"));

	private static final int CONCURRENCY = Integer.getInteger("runner.soak.concurrency", 64);

	/**
	 * Whether uploads, octet-stream duplex calls, streamed downloads and abandoned uploads join the mix (on by
	 * default; {@code -Drunner.soak.files=false} for the JSON calls alone).
	 */
	private static final boolean FILES = Boolean.parseBoolean(System.getProperty("runner.soak.files", "true"));

	private static final String BOUNDARY = "soak-boundary";

	private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

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
			.until(() -> counters.started.get() == counters.finished.get() + counters.cancelled.get()
					&& counters.uploadsStarted.get() == counters.uploadsEnded.get());
		long requests = this.outcomes.values().stream().mapToLong(AtomicLong::get).sum();
		long emissions = count("event-200");
		Map<String, Long> figures = new TreeMap<>();
		this.outcomes.forEach((name, n) -> figures.put(name, n.get()));
		Robustness.print("soak", "seconds=" + seconds + " concurrency=" + CONCURRENCY + " requests=" + requests
				+ " per-second=" + Math.round(requests / seconds) + " unexpected=" + this.unexpected.size()
				+ " emissions-200=" + emissions + " listener-runs=" + counters.listenerRuns.get()
				+ " abandoned-tasks-cancelled=" + counters.cancelled.get() + " uploads-started=" + counters.uploadsStarted.get()
				+ " uploads-ended=" + counters.uploadsEnded.get() + " outcomes=" + figures);
		assertThat(this.unexpected).as("unexpected responses").isEmpty();
		assertThat(counters.listenerRuns.get()).as("listener runs of the emissions answered 200")
			.isEqualTo(3 * emissions);
		assertThat(count("abandoned")).isPositive();
		if (FILES) {
			assertThat(count("abandoned-upload")).isPositive();
			assertThat(count("upload-200")).isPositive();
		}
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
		// kinds 18-21 are the files mix; without it, 18 and 19 of every 20 are abandoned calls (22, the default)
		int kind = FILES ? (int) (i % 24) : ((i % 20 < 18) ? (int) (i % 20) : 22);
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
			case 18 -> {
				int size = (int) ((i * 7919) % 60_000);
				yield expect(client, MULTIPART, "upload", "/__runner/task/hostile.upload", upload(i, size, false),
						200, ok("\"u" + i + ":a.txt=" + size + ",b.bin=7\""));
			}
			case 19 -> expect(client, "application/octet-stream", "duplex", "/__runner/task/hostile.upper",
					("chunk-" + i).getBytes(StandardCharsets.US_ASCII), 200, "CHUNK-" + i);
			case 20 -> {
				int length = (int) (i % 5000);
				yield expect(client, "download", "/__runner/task/hostile.download", "{\"input\":" + length + "}", 200,
						"y".repeat(length));
			}
			case 21 -> abandonUpload(client, i);
			default -> abandon(client);
		};
	}

	private Mono<Void> expect(HttpClient client, String name, String path, String body, int status, String expected) {
		return expect(client, "application/json", name, path, body.getBytes(StandardCharsets.UTF_8), status, expected);
	}

	private Mono<Void> expect(HttpClient client, String contentType, String name, String path, byte[] body, int status,
			String expected) {
		HttpClient typed = contentType.equals("application/json") ? client
				: client.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, contentType));
		return typed.post()
			.uri(path)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
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
			.send(Mono.fromSupplier(() -> Unpooled.copiedBuffer("5000", StandardCharsets.US_ASCII)))
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

	/**
	 * A multipart upload of two files, {@code a.txt} of {@code size} bytes and {@code b.bin} of 7, labelled
	 * {@code u<i>}; when {@code cut}, only its manifest and the start of the first file.
	 */
	private static byte[] upload(long i, int size, boolean cut) {
		String manifest = "{\"input\":{\"files\":[{\"$runnerFile\":\"File\",\"id\":\"A\",\"meta\":{\"name\":"
				+ "\"a.txt\"}},{\"$runnerFile\":\"File\",\"id\":\"B\",\"meta\":{\"name\":\"b.bin\"}}],"
				+ "\"label\":\"u" + i + "\"}}";
		StringBuilder body = new StringBuilder();
		body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"__manifest\"\r\n\r\n");
		body.append(manifest).append("\r\n--").append(BOUNDARY);
		body.append("\r\nContent-Disposition: form-data; name=\"file:A\"; filename=\"a.txt\"\r\n");
		body.append("Content-Type: text/plain\r\n\r\n");
		if (cut) {
			return body.append("a".repeat(1000)).toString().getBytes(StandardCharsets.US_ASCII);
		}
		body.append("a".repeat(size)).append("\r\n--").append(BOUNDARY);
		body.append("\r\nContent-Disposition: form-data; name=\"file:B\"; filename=\"b.bin\"\r\n\r\n");
		body.append("bbbbbbb\r\n--").append(BOUNDARY).append("--\r\n");
		return body.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** An upload whose client sends the start of a file, then nothing, then gives up after a few milliseconds. */
	private Mono<Void> abandonUpload(HttpClient client, long i) {
		byte[] start = upload(i, 0, true);
		return client.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, MULTIPART))
			.post()
			.uri("/__runner/task/hostile.upload")
			.send(Flux.concat(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(start)), Mono.never()))
			.responseSingle((response, content) -> content.asString())
			.timeout(Duration.ofMillis(30))
			.doOnNext((text) -> {
				record("unexpected-abandoned-upload");
				this.unexpected.add("abandoned upload answered: " + text);
			})
			.onErrorResume(TimeoutException.class, (ex) -> {
				record("abandoned-upload");
				return Mono.empty();
			})
			.then();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
	}

	private void record(String outcome) {
		this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
	}

}
