package dev.runner.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Counts the {@code notes.events.created} emissions.
 *
 * @since 0.1.0
 */
@Component
public class NoteEventCounter {

	private final AtomicReference<NoteStats> stats = new AtomicReference<>(new NoteStats(0, null, null));

	/**
	 * Records one emission.
	 * @param noteId the id carried by the payload, or {@code null}
	 */
	public void record(@Nullable String noteId) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.stats.updateAndGet((current) -> new NoteStats(current.createdEvents() + 1, noteId, now));
	}

	/**
	 * Returns the counters as they are now.
	 * @return the counters
	 */
	public NoteStats snapshot() {
		return this.stats.get();
	}

}
