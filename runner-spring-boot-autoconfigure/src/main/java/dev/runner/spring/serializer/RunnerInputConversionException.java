package dev.runner.spring.serializer;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link RunnerSerializer#convert} when a decoded value cannot be bound to a handler's parameter type
 * (docs/serializer.md §9.1).
 * <p>
 * {@link #path()} locates the failing value inside the input: {@code ""} for the input itself, {@code age},
 * {@code address.city}, {@code lines[0].qty}. {@link #getMessage()} is a short message that is safe to send to the
 * caller, such as {@code must be a number}: it names no Java class and echoes no input. The underlying Jackson
 * failure, if any, is kept as the cause for logging.
 *
 * @since 0.1.0
 */
public class RunnerInputConversionException extends RuntimeException {

	private final String path;

	/**
	 * Creates an exception.
	 * @param path the path of the failing value, {@code ""} for the input itself
	 * @param message the safe message, for example {@code must be a number}
	 * @param cause the underlying failure, if any
	 */
	public RunnerInputConversionException(String path, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.path = path;
	}

	/**
	 * Returns the path of the failing value inside the input.
	 * @return the path, {@code ""} for the input itself, for example {@code lines[0].qty}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Returns the safe message for the caller, for example {@code must be a number}.
	 * @return the message, never {@code null}
	 */
	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : "is invalid";
	}

}
