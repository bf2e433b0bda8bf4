package dev.runner.spring.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.ProfileP;

/**
 * Profile P plus handlers that count what happened to them: slow tasks (reactive and blocking) that see
 * cancellations, a large result, a typed input, an event with three listeners whose runs are counted, and file and
 * stream tasks (a multipart upload, an octet-stream duplex, a streamed download).
 */
@Configuration(proxyBeanMethods = false)
@Import({ ProfileP.class, HostileProfile.Counters.class, HostileProfile.Handlers.class })
class HostileProfile {

	/** A typed input for the converter. */
	record Shape(int a, String b, List<Double> c) {
	}

	/** The input of an upload: files and a label. */
	record Upload(List<RunnerFile> files, String label) {
	}

	/** What the handlers saw. */
	static class Counters {

		final AtomicLong started = new AtomicLong();

		final AtomicLong finished = new AtomicLong();

		final AtomicLong cancelled = new AtomicLong();

		final AtomicLong listenerRuns = new AtomicLong();

		final AtomicLong uploadsStarted = new AtomicLong();

		final AtomicLong uploadsEnded = new AtomicLong();

		void reset() {
			this.uploadsStarted.set(0);
			this.uploadsEnded.set(0);
			this.started.set(0);
			this.finished.set(0);
			this.cancelled.set(0);
			this.listenerRuns.set(0);
		}

	}

	static class Handlers {

		private final Counters counters;

		Handlers(Counters counters) {
			this.counters = counters;
		}

		@RunnerTask("hostile.shape")
		@Nullable Shape shape(@Nullable Shape shape) {
			return shape;
		}

		/** Answers its input after that many milliseconds, on the event loop's timer. */
		@RunnerTask("hostile.slow")
		Mono<Long> slow(long millis) {
			return Mono.delay(Duration.ofMillis(millis))
				.thenReturn(millis)
				.doOnSubscribe((subscription) -> this.counters.started.incrementAndGet())
				.doOnSuccess((value) -> this.counters.finished.incrementAndGet())
				.doOnCancel(this.counters.cancelled::incrementAndGet);
		}

		/** Sleeps that many milliseconds on a blocking thread; an interrupt counts as a cancellation. */
		@RunnerTask("hostile.block")
		long block(long millis, RunnerContext context) {
			this.counters.started.incrementAndGet();
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				this.counters.cancelled.incrementAndGet();
				Thread.currentThread().interrupt();
				return -1;
			}
			this.counters.finished.incrementAndGet();
			return millis;
		}

		/** A string of that many characters. */
		@RunnerTask("hostile.big")
		String big(int length) {
			return "x".repeat(length);
		}

		/** Reads every file of a multipart call and answers the label and each file's name and byte count. */
		@RunnerTask("hostile.upload")
		Mono<String> upload(Upload upload) {
			return Flux.fromIterable(upload.files())
				.concatMap((file) -> file.content()
					.map((buffer) -> {
						int count = buffer.readableByteCount();
						DataBufferUtils.release(buffer);
						return (long) count;
					})
					.reduce(0L, Long::sum)
					.map((size) -> file.name() + "=" + size))
				.collectList()
				.map((sizes) -> upload.label() + ":" + String.join(",", sizes))
				.doOnSubscribe((subscription) -> this.counters.uploadsStarted.incrementAndGet())
				.doFinally((signal) -> this.counters.uploadsEnded.incrementAndGet());
		}

		/** Duplex: streams an octet-stream body back upper-cased as it arrives. */
		@RunnerTask("hostile.upper")
		Flux<DataBuffer> upper(Flux<DataBuffer> body) {
			return body.map((buffer) -> {
				try {
					byte[] bytes = buffer.toString(StandardCharsets.ISO_8859_1)
						.toUpperCase(Locale.ROOT)
						.getBytes(StandardCharsets.ISO_8859_1);
					return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
		}

		/** A streamed answer of that many bytes, in chunks of at most 1,000. */
		@RunnerTask("hostile.download")
		Flux<DataBuffer> download(int length) {
			return Flux.range(0, (length + 999) / 1000)
				.map((chunk) -> DefaultDataBufferFactory.sharedInstance
					.wrap("y".repeat(Math.min(1000, length - chunk * 1000)).getBytes(StandardCharsets.US_ASCII)));
		}

		@RunnerEvent(value = "hostile.events.counted", order = 1)
		@Nullable Map<String, Object> first(@Nullable Map<String, Object> payload) {
			this.counters.listenerRuns.incrementAndGet();
			return payload;
		}

		@RunnerEvent(value = "hostile.events.counted", order = 2)
		void second(@Nullable Map<String, Object> payload) {
			this.counters.listenerRuns.incrementAndGet();
		}

		@RunnerEvent(value = "hostile.events.counted", order = 3)
		Mono<Void> third(@Nullable Map<String, Object> payload) {
			return Mono.fromRunnable(this.counters.listenerRuns::incrementAndGet);
		}

	}

}
