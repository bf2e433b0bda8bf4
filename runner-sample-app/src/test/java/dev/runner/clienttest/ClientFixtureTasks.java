package dev.runner.clienttest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.RunnerTask;

/**
 * The tasks and event of the client test suite, answering as {@code client-fixture.cjs} does.
 */
@Component
public class ClientFixtureTasks {

	private static final int CHUNK = 65536;

	private final AtomicInteger aborts = new AtomicInteger();

	@RunnerTask("fixture.echo")
	public @Nullable Object echo(@Nullable Object input) {
		return input;
	}

	@RunnerTask("fixture.add")
	public int add(Numbers input) {
		return input.a() + input.b();
	}

	@RunnerTask("fixture.nothing")
	public void nothing() {
	}

	@RunnerTask("fixture.conflict")
	public void conflict(Reason input) {
		throw new RunnerException("fixture.errors.Conflict", "{\"reason\":\"" + input.reason() + "\"}",
				Map.of("reason", input.reason()), 409);
	}

	@RunnerTask("fixture.fail")
	public void fail() {
		throw new IllegalStateException("a detail the caller must not see");
	}

	@RunnerTask("fixture.slow")
	public Mono<String> slow(Wait input) {
		return Mono.delay(Duration.ofMillis(input.ms())).thenReturn("done").doOnCancel(this.aborts::incrementAndGet);
	}

	@RunnerTask("fixture.aborts")
	public int aborts() {
		return this.aborts.get();
	}

	@RunnerTask("fixture.headers")
	public Map<String, @Nullable String> headers(RunnerContext context) {
		Map<String, @Nullable String> headers = new LinkedHashMap<>();
		headers.put("requestId", context.requestId());
		headers.put("context", context.headers().getFirst("x-runner-context"));
		headers.put("caller", context.headers().getFirst("x-caller"));
		return headers;
	}

	@RunnerTask("fixture.upload")
	public Mono<Uploaded> upload(Upload input) {
		return Flux.fromIterable(input.files())
			.concatMap((file) -> digest(file).map((digest) -> new UploadedFile(file.name(), file.contentType(),
					digest.size(), digest.sha256())))
			.collectList()
			.map((files) -> new Uploaded(input.note(), files));
	}

	private static Mono<Digest> digest(RunnerFile file) {
		return file.content().reduce(new Digest(sha256(), 0), (digest, buffer) -> {
			try {
				long size = digest.size() + buffer.readableByteCount();
				try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
					chunks.forEachRemaining(digest.hash()::update);
				}
				return new Digest(digest.hash(), size);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		});
	}

	@RunnerTask("fixture.download")
	public Flux<DataBuffer> download(Size input) {
		return Flux.range(0, (input.size() + CHUNK - 1) / CHUNK).map((index) -> {
			int offset = index * CHUNK;
			byte[] chunk = new byte[Math.min(CHUNK, input.size() - offset)];
			for (int i = 0; i < chunk.length; i++) {
				chunk[i] = (byte) ((offset + i) % 251);
			}
			return DefaultDataBufferFactory.sharedInstance.wrap(chunk);
		});
	}

	@RunnerTask("fixture.duplex")
	public Flux<DataBuffer> duplex(Flux<DataBuffer> body) {
		return body;
	}

	@RunnerEvent("fixture.noted")
	public @Nullable Map<String, Object> noted(@Nullable Map<String, Object> payload) {
		if (payload == null) {
			return null;
		}
		Map<String, Object> seen = new LinkedHashMap<>(payload);
		seen.put("seen", true);
		return seen;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Numbers(int a, int b) {
	}

	public record Reason(String reason) {
	}

	public record Wait(long ms) {
	}

	public record Size(int size) {
	}

	public record Upload(String note, List<RunnerFile> files) {
	}

	public record Uploaded(String note, List<UploadedFile> files) {
	}

	public record UploadedFile(String name, String type, long size, String sha256) {
	}

	record Digest(MessageDigest hash, long size) {

		String sha256() {
			return HexFormat.of().formatHex(this.hash.digest());
		}

	}

}
