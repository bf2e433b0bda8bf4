package dev.runner.clienttest;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.runner.sample.Price;
import dev.runner.sample.PriceCodec;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.client.RunnerClient;
import dev.runner.spring.client.RunnerClientException;
import dev.runner.spring.client.RunnerDiscovery;
import dev.runner.spring.client.RunnerErrorRegistry;
import dev.runner.spring.serializer.JsMap;
import dev.runner.spring.serializer.JsRegExp;
import dev.runner.spring.serializer.RunnerSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client's test suite, run against a real runner server: {@link RunnerClientAgainstNodeTests} (the Node
 * exposure of {@code @bluelibs/runner} 5.5.0) and {@link RunnerClientAgainstStarterTests} (this starter). Both
 * serve the same fixture ({@code client-fixture.cjs}, {@link ClientFixtureTasks}) with the token
 * {@value #TOKEN}.
 */
abstract class RunnerClientContract {

	static final String TOKEN = "fixture-token";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final long MIB = 1024 * 1024;

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build(),
			List.of(new PriceCodec()));

	private RunnerClient client;

	/**
	 * Returns the base URL of the server under test, such as {@code http://127.0.0.1:8080/__runner}.
	 * @return the base URL
	 */
	abstract String baseUrl();

	@BeforeEach
	void createClient() {
		this.client = builder().build();
	}

	private RunnerClient.Builder builder() {
		return RunnerClient.builder()
			.name("fixture")
			.baseUrl(baseUrl())
			.token(TOKEN)
			.serializer(this.serializer)
			.timeout(Duration.ofSeconds(60));
	}

	@Test
	void runsATask() {
		assertThat(this.client.task("fixture.add", Map.of("a", 2, "b", 3), Integer.class).block(WAIT)).isEqualTo(5);
	}

	@Test
	void everyValueTypeRoundTrips() {
		JsMap map = new JsMap();
		map.put("one", 1L);
		map.put("two", List.of(2L));
		Values sent = new Values(Instant.parse("2026-12-03T10:15:30.123Z"), Map.of("nested", Map.of("deep", true)),
				map, new LinkedHashSet<>(List.of("a", "b")), new BigInteger("123456789012345678901234567890"),
				new byte[] { 0, 1, 2, (byte) 255 }, new JsRegExp("^a+b$", "gi"), new Inner("x", List.of(1.5, -2.0)),
				new Price(new BigDecimal("19.99"), "EUR"), "é \u2028 \"q\"", -0.5, true, null);
		Values received = this.client.task("fixture.echo", sent, Values.class).block(WAIT);
		assertThat(received).usingRecursiveComparison().ignoringCollectionOrderInFields("set").isEqualTo(sent);
	}

	@Test
	void untypedResultsKeepTheirJavaScriptTypes() {
		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("when", Instant.parse("2020-01-01T00:00:00Z"));
		JsMap map = new JsMap();
		map.put(1L, "number key");
		map.put("k", List.of(1L));
		sent.put("map", map);
		sent.put("set", Set.of("only"));
		sent.put("big", BigInteger.TEN.pow(30));
		sent.put("regexp", Pattern.compile("x.y", Pattern.CASE_INSENSITIVE));
		Map<String, Object> received = this.client
			.task("fixture.echo", sent, new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.block(WAIT);
		assertThat(received).containsEntry("when", Instant.parse("2020-01-01T00:00:00Z"))
			.containsEntry("big", BigInteger.TEN.pow(30))
			.containsEntry("set", Set.of("only"))
			.containsEntry("regexp", new JsRegExp("x.y", "i"));
		assertThat(received.get("map")).isInstanceOf(JsMap.class).isEqualTo(map);
	}

	@Test
	void noInputIsNoInputAndNoResultIsEmpty() {
		assertThat(this.client.task("fixture.echo", null, Object.class).blockOptional(WAIT)).isEmpty();
		assertThat(this.client.task("fixture.nothing", null, Void.class).blockOptional(WAIT)).isEmpty();
	}

	@Test
	void typedErrorArrivesAsRunnerExceptionWithItsFields() {
		assertThatExceptionOfType(RunnerException.class)
			.isThrownBy(() -> this.client.task("fixture.conflict", Map.of("reason", "dup"), Void.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.getClass()).isEqualTo(RunnerException.class);
				assertThat(ex.id()).isEqualTo("fixture.errors.Conflict");
				assertThat(ex.getMessage()).isEqualTo("{\"reason\":\"dup\"}");
				assertThat(ex.data()).isEqualTo(Map.of("reason", "dup"));
				assertThat(ex.httpStatus()).isEqualTo(OptionalInt.of(409));
			});
	}

	@Test
	void typedErrorBecomesTheRegisteredSubclass() {
		RunnerClient client = builder().errors(RunnerErrorRegistry.builder()
			.register("fixture.errors.Conflict", (message, data, status) -> new ConflictException(message, data))
			.build()).build();
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> client.task("fixture.conflict", Map.of("reason", "taken"), Void.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.id()).isEqualTo("fixture.errors.Conflict");
				assertThat(ex.data()).isEqualTo(Map.of("reason", "taken"));
			});
	}

	@Test
	void untypedFailureIsMasked() {
		assertThatExceptionOfType(RunnerClientException.class)
			.isThrownBy(() -> this.client.task("fixture.fail", null, Void.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("INTERNAL_ERROR");
				assertThat(ex.status()).isEqualTo(500);
				assertThat(ex.getMessage()).startsWith("Internal Error (INTERNAL_ERROR, HTTP 500): task fixture.fail at "
						+ baseUrl() + "/task/fixture.fail, client 'fixture'")
					.doesNotContain("detail");
			});
	}

	@Test
	void wrongTokenIsUnauthorizedAndNeverNamed() {
		RunnerClient client = builder().token("not-the-token-42").build();
		assertThatExceptionOfType(RunnerClientException.class)
			.isThrownBy(() -> client.task("fixture.add", Map.of("a", 1, "b", 1), Integer.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("UNAUTHORIZED");
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.getMessage()).doesNotContain("not-the-token-42");
			});
	}

	@Test
	void idNotServedIsForbidden() {
		assertThatExceptionOfType(RunnerClientException.class)
			.isThrownBy(() -> this.client.task("fixture.missing", null, Object.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("FORBIDDEN");
				assertThat(ex.status()).isEqualTo(403);
			});
	}

	@Test
	void inputOverTheJsonLimitIsPayloadTooLarge() {
		String big = "x".repeat(3 * 1024 * 1024);
		assertThatExceptionOfType(RunnerClientException.class)
			.isThrownBy(() -> this.client.task("fixture.echo", big, String.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("PAYLOAD_TOO_LARGE");
				assertThat(ex.status()).isEqualTo(413);
			});
		assertThat(this.client.task("fixture.add", Map.of("a", 1, "b", 1), Integer.class).block(WAIT)).isEqualTo(2);
	}

	@Test
	void emitsEventsWithAndWithoutResult() {
		assertThat(this.client.event("fixture.noted", Map.of("n", 1)).blockOptional(WAIT)).isEmpty();
		Map<?, ?> payload = this.client.eventWithResult("fixture.noted", Map.of("n", 2), Map.class).block(WAIT);
		assertThat(payload).isEqualTo(Map.of("n", 2L, "seen", true));
	}

	@Test
	void uploadsSeveralFiles() {
		byte[] text = "hello, runner\n".getBytes(StandardCharsets.UTF_8);
		byte[] binary = new byte[300_000];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) (i * 7);
		}
		RunnerFile first = RunnerFile.of("hello.txt", "text/plain", text);
		RunnerFile second = RunnerFile.of(new ByteArrayResource(binary) {

			@Override
			public String getFilename() {
				return "data \"quoted\".bin";
			}

		});
		ClientFixtureTasks.Uploaded uploaded = this.client
			.task("fixture.upload", Map.of("note", "two files", "files", List.of(first, second)),
					ClientFixtureTasks.Uploaded.class)
			.block(WAIT);
		assertThat(uploaded.note()).isEqualTo("two files");
		assertThat(uploaded.files()).containsExactly(
				new ClientFixtureTasks.UploadedFile("hello.txt", "text/plain", text.length, sha256(text)),
				new ClientFixtureTasks.UploadedFile("data \"quoted\".bin", "application/octet-stream", binary.length,
						sha256(binary)));
	}

	@Test
	void uploadsFiftyMegabytesWithBoundedHeap() throws Exception {
		int size = 50 * 1024 * 1024;
		MessageDigest expected = MessageDigest.getInstance("SHA-256");
		Flux<DataBuffer> content = Flux.range(0, size / 65536).map((index) -> {
			byte[] chunk = new byte[65536];
			for (int i = 0; i < chunk.length; i++) {
				chunk[i] = (byte) (index + i);
			}
			expected.update(chunk);
			return DefaultDataBufferFactory.sharedInstance.wrap(chunk);
		});
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long baseline = liveHeap(memory);
		AtomicLong peak = new AtomicLong();
		Disposable probe = Flux.interval(Duration.ofMillis(300))
			.subscribe((tick) -> peak.accumulateAndGet(liveHeap(memory) - baseline, Math::max));
		try {
			ClientFixtureTasks.Uploaded uploaded = this.client.task("fixture.upload",
					Map.of("note", "big", "files", List.of(RunnerFile.of("big.bin", "application/octet-stream",
							content))),
					ClientFixtureTasks.Uploaded.class)
				.block(Duration.ofMinutes(2));
			assertThat(uploaded.files()).singleElement().satisfies((file) -> {
				assertThat(file.size()).isEqualTo(size);
				assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
			});
		}
		finally {
			probe.dispose();
		}
		assertThat(peak.get() / MIB).as("heap growth in MiB while uploading 50 MiB").isLessThan(24);
	}

	@Test
	void readsAStreamedAnswerAsItArrives() {
		int size = 3 * 1024 * 1024 + 17;
		AtomicLong offset = new AtomicLong();
		AtomicLong mismatches = new AtomicLong();
		this.client.taskStream("fixture.download", Map.of("size", size)).doOnNext((buffer) -> {
			try {
				while (buffer.readableByteCount() > 0) {
					long at = offset.getAndIncrement();
					if (buffer.read() != (byte) (at % 251)) {
						mismatches.incrementAndGet();
					}
				}
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).blockLast(WAIT);
		assertThat(offset.get()).isEqualTo(size);
		assertThat(mismatches.get()).isZero();
	}

	@Test
	void readsAStreamedAnswerAsAResource() throws Exception {
		Resource resource = this.client.task("fixture.download", Map.of("size", 100_000), Resource.class).block(WAIT);
		try (InputStream in = resource.getInputStream()) {
			byte[] bytes = in.readAllBytes();
			assertThat(bytes).hasSize(100_000);
			assertThat(bytes[99_999]).isEqualTo((byte) (99_999 % 251));
		}
	}

	@Test
	void duplexCallStreamsTheBodyBack() {
		Flux<DataBuffer> body = Flux.range(0, 64)
			.map((index) -> DefaultDataBufferFactory.sharedInstance.wrap(("chunk " + index + ";").getBytes()));
		String expected = Flux.range(0, 64).map((index) -> "chunk " + index + ";").collectList()
			.map((chunks) -> String.join("", chunks)).block();
		String echoed = DataBufferUtils.join(this.client.taskStream("fixture.duplex", body)).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).block(WAIT);
		assertThat(echoed).isEqualTo(expected);
	}

	@Test
	void timeoutAbortsTheRequest() {
		int before = aborts();
		RunnerClient impatient = builder().timeout(Duration.ofMillis(300)).build();
		assertThatExceptionOfType(RunnerClientException.class)
			.isThrownBy(() -> impatient.task("fixture.slow", Map.of("ms", 20_000), String.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("TIMEOUT");
				assertThat(ex.getMessage()).contains("task fixture.slow", baseUrl(), "'fixture'");
			});
		awaitAborts(before + 1);
	}

	@Test
	void cancellingTheCallAbortsTheRequest() throws InterruptedException {
		int before = aborts();
		Disposable call = this.client.task("fixture.slow", Map.of("ms", 20_000), String.class).subscribe();
		Thread.sleep(500);
		call.dispose();
		awaitAborts(before + 1);
	}

	@Test
	void unreachableServerIsNamedWithoutTheToken() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RunnerClient client = builder().baseUrl("http://127.0.0.1:" + port + "/__runner").token("secret-99").build();
		assertThatExceptionOfType(RunnerClientException.class)
			.isThrownBy(() -> client.task("fixture.add", Map.of("a", 1, "b", 1), Integer.class).block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo("UNREACHABLE");
				assertThat(ex.getMessage()).contains("http://127.0.0.1:" + port + "/__runner/task/fixture.add",
						"'fixture'")
					.doesNotContain("secret-99");
			});
	}

	@Test
	void forwardsTheRequestIdAndAsyncContext() {
		Map<String, Object> seen = this.client
			.task("fixture.headers", null, new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.contextWrite(Context.of(RunnerContext.REQUEST_ID_KEY, "chain-42", RunnerClient.ASYNC_CONTEXT_KEY,
					Map.of("app.ctx.tenant", "\"acme\"")))
			.block(WAIT);
		assertThat(seen).containsEntry("requestId", "chain-42")
			.containsEntry("context", "{\"app.ctx.tenant\":\"\\\"acme\\\"\"}");
	}

	@Test
	void discoversWhatTheServerServes() {
		RunnerDiscovery discovery = this.client.discovery().block(WAIT);
		assertThat(discovery.allowListEnabled()).isTrue();
		assertThat(discovery.tasks()).contains("fixture.add", "fixture.upload", "fixture.duplex");
		assertThat(discovery.events()).containsExactly("fixture.noted");
	}

	private int aborts() {
		return this.client.task("fixture.aborts", null, Integer.class).block(WAIT);
	}

	private void awaitAborts(int count) {
		Mono.defer(() -> this.client.task("fixture.aborts", null, Integer.class))
			.filter((aborts) -> aborts >= count)
			.repeatWhenEmpty(50, (repeats) -> repeats.delayElements(Duration.ofMillis(100)))
			.block(WAIT);
	}

	private static long liveHeap(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Values(Instant when, Map<String, Object> object, JsMap map, Set<String> set, BigInteger big, byte[] bytes,
			JsRegExp regexp, Inner inner, Price price, String text, double number, boolean flag, Object nothing) {
	}

	record Inner(String name, List<Double> numbers) {
	}

	static class ConflictException extends RunnerException {

		ConflictException(String message, Object data) {
			super("fixture.errors.Conflict", message, data, 409);
		}

	}

}
