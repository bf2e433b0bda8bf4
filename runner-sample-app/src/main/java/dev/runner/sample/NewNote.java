package dev.runner.sample;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * Input of {@code notes.create}.
 *
 * @param title the title, not blank
 * @param body the text of the note
 * @param tags the tags, or {@code null} for none
 * @param remindAt when to remind the owner, or {@code null}
 * @since 0.1.0
 */
public record NewNote(@NotBlank String title, @Nullable String body, @Nullable Set<String> tags,
		@Nullable Instant remindAt) {

}
