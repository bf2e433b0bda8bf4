package dev.runner.sample;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A stored note, as returned by the notes tasks.
 *
 * @param id the id given by the store
 * @param title the title
 * @param body the text, or {@code null}
 * @param tags the tags, empty when none were given
 * @param remindAt when to remind the owner, or {@code null}
 * @param createdAt when the note was stored, at millisecond precision
 * @since 0.1.0
 */
public record Note(String id, String title, @Nullable String body, Set<String> tags, @Nullable Instant remindAt,
		Instant createdAt) {

}
