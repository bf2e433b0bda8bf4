package dev.runner.spring.tunnel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.ProfileP;

/**
 * Profile P plus the file and stream tasks of docs/tunnel-http.md §18 (cases 55-71): {@code app.tasks.upload},
 * {@code app.tasks.octet}, {@code app.tasks.stream} and friends. Each records what it saw.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ProfileP.class, ProfileFiles.Tasks.class, ProfileFiles.Signals.class })
class ProfileFiles {

	record Upload(RunnerFile file, @Nullable Object other) {
	}

	/**
	 * Latches the tests wait on: a stream cancelled by a client that went away, an upload the task had started to
	 * read when the client went away.
	 */
	static class Signals {

		volatile CountDownLatch streamCancelled = new CountDownLatch(1);

		volatile CountDownLatch uploadStarted = new CountDownLatch(1);

		volatile CountDownLatch uploadCancelled = new CountDownLatch(1);

		volatile @Nullable String inputStreamThread;

		void reset() {
			this.streamCancelled = new CountDownLatch(1);
			this.uploadStarted = new CountDownLatch(1);
			this.uploadCancelled = new CountDownLatch(1);
			this.inputStreamThread = null;
		}

	}

	static Map<String, Object> describe(RunnerFile file, byte[] bytes) {
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("name", file.name());
		seen.put("type", file.contentType());
		file.size().ifPresent((size) -> seen.put("size", size));
		file.lastModified().ifPresent((time) -> seen.put("lastModified", time.toEpochMilli()));
		seen.put("extra", file.extra());
		seen.put("text", new String(bytes, StandardCharsets.UTF_8));
		return seen;
	}

	static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	static class Tasks {

		private final ProfileP.Recorder recorder;

		private final Signals signals;

		Tasks(ProfileP.Recorder recorder, Signals signals) {
			this.recorder = recorder;
			this.signals = signals;
		}

		/** Cases 55-57: reads the file first, so that metadata taken from the part is known. */
		@RunnerTask("app.tasks.upload")
		Mono<Map<String, Object>> upload(Upload input) {
			return input.file().bytes().map((bytes) -> {
				Map<String, Object> seen = describe(input.file(), bytes);
				seen.put("other", input.other());
				this.recorder.record("app.tasks.upload", seen);
				return seen;
			});
		}

		/** Any input: records it, reads every file in it in order, answers what it saw. */
		@RunnerTask("app.tasks.inspect")
		Mono<List<Object>> inspect(@Nullable Object input) {
			this.recorder.record("app.tasks.inspect", input);
			List<RunnerFile> files = new ArrayList<>();
			collect(input, files);
			return Flux.fromIterable(files)
				.concatMap((file) -> file.bytes().map((bytes) -> (Object) describe(file, bytes)))
				.collectList();
		}

		private static void collect(@Nullable Object value, List<RunnerFile> files) {
			if (value instanceof RunnerFile file && !files.contains(file)) {
				files.add(file);
			}
			else if (value instanceof Map<?, ?> map) {
				map.values().forEach((element) -> collect(element, files));
			}
			else if (value instanceof List<?> list) {
				list.forEach((element) -> collect(element, files));
			}
		}

		/** Reads two files in the reverse of their order in the body. */
		@RunnerTask("app.tasks.reversed")
		Mono<String> reversed(List<RunnerFile> files) {
			return files.get(1)
				.bytes()
				.zipWhen((second) -> files.get(0).bytes())
				.map((both) -> new String(both.getT2(), StandardCharsets.UTF_8) + "|"
						+ new String(both.getT1(), StandardCharsets.UTF_8));
		}

		/** Never reads its file. */
		@RunnerTask("app.tasks.ignore")
		String ignore(@Nullable Object input) {
			this.recorder.record("app.tasks.ignore", input);
			return "ignored";
		}

		/** Blocking: streams its file to disk and answers the size and the first bytes. */
		@RunnerTask("app.tasks.toDisk")
		Map<String, Object> toDisk(RunnerFile file) throws IOException {
			Path path = Files.createTempFile("runner-test-", ".bin");
			try {
				file.transferTo(path).block(Duration.ofSeconds(30));
				byte[] head = new byte[Math.min(8, (int) Files.size(path))];
				try (InputStream in = Files.newInputStream(path)) {
					in.readNBytes(head, 0, head.length);
				}
				Map<String, Object> seen = new LinkedHashMap<>();
				seen.put("size", Files.size(path));
				seen.put("head", new String(head, StandardCharsets.ISO_8859_1));
				return seen;
			}
			finally {
				Files.deleteIfExists(path);
			}
		}

		/** Reads a few buffers of its file, then waits for ever; tells when it started and when it was cancelled. */
		@RunnerTask("app.tasks.slowUpload")
		Mono<Long> slowUpload(RunnerFile file) {
			return Mono.create((sink) -> {
				BaseSubscriber<DataBuffer> reader = new BaseSubscriber<>() {

					private int count;

					@Override
					protected void hookOnSubscribe(Subscription subscription) {
						subscription.request(2);
					}

					@Override
					protected void hookOnNext(DataBuffer buffer) {
						DataBufferUtils.release(buffer);
						if (++this.count == 2) {
							Tasks.this.signals.uploadStarted.countDown();
						}
					}

				};
				sink.onCancel(() -> {
					Tasks.this.signals.uploadCancelled.countDown();
					reader.dispose();
				});
				file.content().subscribe(reader);
			});
		}

		/** Answers a stream made from its file (a download of what was uploaded). */
		@RunnerTask("app.tasks.echoFile")
		RunnerStreamResponse echoFile(RunnerFile file) {
			return RunnerStreamResponse.ok().contentType(file.contentType()).body(file.content());
		}

		/** Case 68: reads the raw body. */
		@RunnerTask("app.tasks.octet")
		Mono<Map<String, Object>> octet(Flux<DataBuffer> body, @Nullable Object input) {
			this.recorder.record("app.tasks.octet", input);
			return DataBufferUtils.join(body).map((buffer) -> {
				try {
					return Map.<String, Object>of("got", buffer.toString(StandardCharsets.UTF_8));
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).defaultIfEmpty(Map.of("got", ""));
		}

		/** Starts reading its raw body only after 2.5 s, then counts its bytes: a reader slower than the client. */
		@RunnerTask("app.tasks.lateReader")
		Mono<Long> lateReader(Flux<DataBuffer> body) {
			return Mono.delay(Duration.ofMillis(2500)).then(body.map((buffer) -> {
				int count = buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				return (long) count;
			}).reduce(0L, Long::sum));
		}

		/** Blocking octet reader. */
		@RunnerTask("app.tasks.octetBlocking")
		long octetBlocking(Flux<DataBuffer> body) {
			return body.map((buffer) -> {
				int count = buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				return (long) count;
			}).reduce(0L, Long::sum).block(Duration.ofSeconds(30));
		}

		/** Duplex: streams the body back upper-cased as it arrives. */
		@RunnerTask("app.tasks.upper")
		Flux<DataBuffer> upper(Flux<DataBuffer> body) {
			return body.map((buffer) -> {
				try {
					return buffer(buffer.toString(StandardCharsets.ISO_8859_1).toUpperCase());
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
		}

		/** Case 69. */
		@RunnerTask("app.tasks.stream")
		Flux<DataBuffer> stream() {
			return Flux.just("hello", " ", "world").map(ProfileFiles::buffer);
		}

		/** Case 70. */
		@RunnerTask("app.tasks.streamWrapped")
		RunnerStreamResponse streamWrapped() {
			return RunnerStreamResponse.status(201)
				.contentType(MediaType.TEXT_PLAIN)
				.header("x-custom", "1")
				.header("set-cookie", "a=b")
				.header("X-Content-Type-Options", "sniff")
				.header("x-runner-request-id", "mine")
				.body(Flux.just(buffer("abc")));
		}

		/** Case 71: writes its own response. */
		@RunnerTask("app.tasks.hijack")
		Mono<Void> hijack(RunnerContext context) {
			ServerHttpResponse response = context.exchange().orElseThrow().getResponse();
			response.setStatusCode(HttpStatus.ACCEPTED);
			response.getHeaders().setContentType(MediaType.parseMediaType("text/csv"));
			return response.writeWith(Mono.just(response.bufferFactory().wrap("a,b".getBytes(StandardCharsets.UTF_8))));
		}

		@RunnerTask("app.tasks.resource")
		Resource resource() {
			return new ByteArrayResource("from a resource".getBytes(StandardCharsets.UTF_8));
		}

		@RunnerTask("app.tasks.inputStream")
		InputStream inputStream() {
			return new ByteArrayInputStream("from a stream".getBytes(StandardCharsets.UTF_8)) {

				@Override
				public synchronized int read(byte[] bytes, int offset, int length) {
					Tasks.this.signals.inputStreamThread = Thread.currentThread().getName();
					return super.read(bytes, offset, length);
				}

			};
		}

		/** A stream that fails before its first buffer: still answered with an envelope. */
		@RunnerTask("app.tasks.streamFails")
		Flux<DataBuffer> streamFails() {
			return Flux.error(new IllegalStateException("no bytes today"));
		}

		/** A stream that fails after its first buffer: the answer is cut short. */
		@RunnerTask("app.tasks.streamFailsLater")
		Flux<DataBuffer> streamFailsLater() {
			return Flux.just("first").map(ProfileFiles::buffer)
				.concatWith(Mono.delay(Duration.ofMillis(20)).then(Mono.error(new IllegalStateException("later"))));
		}

		/** An endless stream; tells when the client that read it went away. */
		@RunnerTask("app.tasks.endless")
		Flux<DataBuffer> endless() {
			return Flux.interval(Duration.ofMillis(5)).onBackpressureDrop()
				.map((tick) -> buffer("tick " + tick + "\n"))
				.doOnCancel(() -> this.signals.streamCancelled.countDown());
		}

	}

}
