package dev.runner.spring.core;

/**
 * A call the runner refused before its handler ran: a guard said no (403 {@code FORBIDDEN}), or the task is at its
 * concurrency limit (503 {@code OVERLOADED}).
 *
 * @since 0.1.0
 */
public class RunnerRejectedException extends RuntimeException {

	private final int status;

	private final String code;

	/**
	 * Creates the exception.
	 * @param status the HTTP status answered to tunnel callers
	 * @param code the protocol error code
	 * @param message the message sent to the caller
	 */
	public RunnerRejectedException(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	/**
	 * Returns the HTTP status answered to tunnel callers.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the protocol error code.
	 * @return the code, {@code FORBIDDEN} or {@code OVERLOADED}
	 */
	public String code() {
		return this.code;
	}

}
