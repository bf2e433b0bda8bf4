package dev.runner.spring.observation;

import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.RunnerException;
import dev.runner.spring.core.InvalidInputException;
import dev.runner.spring.core.RunnerRejectedException;

/**
 * The protocol's {@code error.code} of a failed execution, as the tunnel answers it (tunnel-http.md §4.4, §4.5).
 *
 * @since 0.1.0
 */
public final class RunnerErrorCodes {

	/** Value of the {@code error.code} key when the execution did not fail. */
	public static final String NONE = "none";

	/** Typed {@link RunnerException}s and any failure that is not one of the others. */
	public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	/** An input that cannot be converted or fails Bean Validation ({@link InvalidInputException}). */
	public static final String INVALID_INPUT = "INVALID_INPUT";

	/**
	 * The call was cancelled: the caller went away, or a {@link CancellationException}. Calls refused before their
	 * handler ran ({@link RunnerRejectedException}) carry their own code instead: {@code FORBIDDEN} (a guard said no)
	 * or {@code OVERLOADED} (concurrency limit).
	 */
	public static final String REQUEST_ABORTED = "REQUEST_ABORTED";

	private RunnerErrorCodes() {
	}

	/**
	 * Returns the error code of a failure.
	 * @param failure the failure, {@code null} when the execution did not fail
	 * @return the error code, {@link #NONE} for {@code null}
	 */
	public static String of(@Nullable Throwable failure) {
		if (failure == null) {
			return NONE;
		}
		if (failure instanceof InvalidInputException) {
			return INVALID_INPUT;
		}
		if (failure instanceof CancellationException) {
			return REQUEST_ABORTED;
		}
		if (failure instanceof RunnerRejectedException rejected) {
			return rejected.code();
		}
		return INTERNAL_ERROR;
	}

	/**
	 * Whether a failure is the server's problem rather than the caller's: anything answered as
	 * {@link #INTERNAL_ERROR}, except typed errors that carry a 4xx status.
	 * @param failure the failure
	 * @return whether the failure deserves an error log line
	 */
	public static boolean isServerError(Throwable failure) {
		if (!INTERNAL_ERROR.equals(of(failure))) {
			return false;
		}
		if (failure instanceof RunnerException typed) {
			return typed.httpStatus().orElse(500) >= 500;
		}
		return true;
	}

}
