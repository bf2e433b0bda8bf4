package dev.runner.spring.core;

import java.util.List;

/**
 * The input of a call cannot be bound to the handler's parameter: it cannot be converted to the declared type, or
 * Bean Validation rejected it. Answered over HTTP as 400 {@code INVALID_INPUT} with the violations in
 * {@code error.data.violations} (README, Errors).
 *
 * @since 0.1.0
 */
public class InvalidInputException extends RuntimeException {

	private final List<Violation> violations;

	/**
	 * Creates the exception.
	 * @param violations what is wrong, at least one
	 */
	public InvalidInputException(List<Violation> violations) {
		super("Invalid input: " + violations);
		this.violations = List.copyOf(violations);
	}

	/**
	 * Returns what is wrong with the input.
	 * @return the violations, never empty
	 */
	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One thing wrong with an input.
	 *
	 * @param path the property path inside the input, such as {@code age}, {@code address.city} or
	 * {@code lines[0].qty}; empty for the input itself
	 * @param message what is wrong, safe to show to the caller
	 */
	public record Violation(String path, String message) {

	}

}
