package dev.runner.sample;

import java.time.Duration;

import dev.runner.spring.RunnerTask;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Tasks that show how values, delays and failures cross the tunnel.
 *
 * @since 0.1.0
 */
@Component
public class DiagnosticTasks {

	private final NoteEventCounter counter;

	DiagnosticTasks(NoteEventCounter counter) {
		this.counter = counter;
	}

	/**
	 * Returns its input unchanged: dates, maps, sets and big integers travel both ways.
	 * @param value any value
	 * @return the same value
	 */
	@RunnerTask(value = "notes.echo", description = "returns its input unchanged")
	public @Nullable Object echo(@Nullable Object value) {
		return value;
	}

	/**
	 * Answers its input after a short delay, without blocking a thread.
	 * @param text any text
	 * @return the same text, 50 ms later
	 */
	@RunnerTask(value = "notes.slowEcho", description = "echoes a text after 50 ms")
	public Mono<String> slowEcho(String text) {
		return Mono.just(text).delayElement(Duration.ofMillis(50));
	}

	/**
	 * Always fails with an untyped exception whose message must never reach the caller.
	 * @return nothing, it always throws
	 */
	@RunnerTask(value = "notes.crash", description = "always fails; the caller sees a masked error")
	public String crash() {
		throw new IllegalStateException("Connection to jdbc:postgresql://db.internal/notes failed: password=s3cr3t");
	}

	/**
	 * Returns the event counters.
	 * @return the counters
	 */
	@RunnerTask(value = "notes.stats", description = "returns the event counters")
	public NoteStats stats() {
		return this.counter.snapshot();
	}

}
