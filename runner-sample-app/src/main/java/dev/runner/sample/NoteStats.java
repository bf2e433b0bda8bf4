package dev.runner.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Counters returned by {@code notes.stats}.
 *
 * @param createdEvents how many {@code notes.events.created} emissions the listeners saw
 * @param lastNoteId the note id of the last emission, or {@code null} before the first
 * @param lastEventAt when the last emission was seen, or {@code null} before the first
 * @since 0.1.0
 */
public record NoteStats(long createdEvents, @Nullable String lastNoteId, @Nullable Instant lastEventAt) {

}
