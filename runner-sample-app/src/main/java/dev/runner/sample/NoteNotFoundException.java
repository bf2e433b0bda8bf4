package dev.runner.sample;

import java.util.Map;

import dev.runner.spring.RunnerException;

/**
 * Typed error {@code notes.errors.NotFound} (HTTP 404) with data {@code {"id": id}}, which the official clients
 * rethrow as their own typed error through their {@code errorRegistry}.
 *
 * @since 0.1.0
 */
public class NoteNotFoundException extends RunnerException {

	/** Id of this typed error on the wire. */
	public static final String ID = "notes.errors.NotFound";

	/**
	 * Creates the error for a missing note.
	 * @param noteId the id that was looked up
	 */
	public NoteNotFoundException(String noteId) {
		super(ID, "Note " + noteId + " not found", Map.of("id", noteId), 404);
	}

}
