package dev.runner.sample;

import java.util.Map;

import dev.runner.spring.RunnerException;

/**
 * Typed error {@code files.errors.NotFound} (HTTP 404) with data {@code {"id": id}}.
 *
 * @since 0.1.0
 */
public class UnknownFileException extends RunnerException {

	/** Id of this typed error on the wire. */
	public static final String ID = "files.errors.NotFound";

	/**
	 * Creates the error for a missing file.
	 * @param fileId the id that was looked up
	 */
	public UnknownFileException(String fileId) {
		super(ID, "File " + fileId + " not found", Map.of("id", fileId), 404);
	}

}
