package dev.runner.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * A call of a {@link RunnerClient} that failed without a typed error: an error envelope of the tunnel (401
 * {@code UNAUTHORIZED}, 403 {@code FORBIDDEN}, 404 {@code NOT_FOUND}, 413 {@code PAYLOAD_TOO_LARGE}, 499
 * {@code REQUEST_ABORTED}, a masked 500 {@code INTERNAL_ERROR} ..., docs/tunnel-http.md §4.3), an answer that is not
 * an envelope, the client's own timeout or a server it could not reach. Typed errors (an envelope with an {@code id})
 * arrive as {@link dev.runner.spring.RunnerException} instead.
 * <p>
 * The message names the client, the task or event and the URL, never the token.
 *
 * @since 0.2.0
 */
public class RunnerClientException extends RuntimeException {

	/** The code of the client's own timeout ({@code runner.clients.<name>.timeout}). */
	public static final String TIMEOUT = "TIMEOUT";

	/** The code of a connection failure: refused, reset, unknown host; the cause says which. */
	public static final String UNREACHABLE = "UNREACHABLE";

	/** The code of an answer that is not an envelope, or an envelope that does not say what was asked. */
	public static final String INVALID_RESPONSE = "INVALID_RESPONSE";

	/** The code of an error status whose body is empty or not JSON (the official clients' {@code HTTP_ERROR}). */
	public static final String HTTP_ERROR = "HTTP_ERROR";

	/** The code of an error envelope without a code (the official clients' {@code UNKNOWN}). */
	public static final String UNKNOWN = "UNKNOWN";

	/** The code of a JSON answer larger than the client's {@code max-answer-size}. */
	public static final String ANSWER_TOO_LARGE = "ANSWER_TOO_LARGE";

	private final String code;

	private final int status;

	/**
	 * Creates an exception.
	 * @param code the protocol's error code ({@code error.code} of the envelope) or one of this class's codes
	 * @param status the HTTP status of the answer, 0 when there was none (timeout, unreachable)
	 * @param message the full message
	 * @param cause the cause, if any
	 */
	public RunnerClientException(String code, int status, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
		this.status = status;
	}

	/**
	 * Returns the error code: the envelope's {@code error.code}, or {@link #TIMEOUT}, {@link #UNREACHABLE},
	 * {@link #INVALID_RESPONSE}, {@link #HTTP_ERROR}, {@link #UNKNOWN}, {@link #ANSWER_TOO_LARGE}.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns the HTTP status of the answer.
	 * @return the status, or 0 when no answer arrived
	 */
	public int status() {
		return this.status;
	}

}
