package dev.runner.spring.web.multipart;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.InvalidMediaTypeException;

import dev.runner.spring.core.RunnerRejectedException;

/**
 * The refusals of multipart task requests, with the status, code and message of docs/tunnel-http.md §3.3 and §4.3.
 */
final class MultipartRefusals {

	private MultipartRefusals() {
	}

	static RunnerRejectedException invalid() {
		return new RunnerRejectedException(400, "INVALID_MULTIPART", "Invalid multipart payload");
	}

	static RunnerRejectedException invalidManifest() {
		return new RunnerRejectedException(400, "INVALID_MULTIPART", "Invalid manifest");
	}

	static RunnerRejectedException missingManifest() {
		return new RunnerRejectedException(400, "MISSING_MANIFEST", "Missing manifest");
	}

	static RunnerRejectedException missingFilePart() {
		return new RunnerRejectedException(500, "MISSING_FILE_PART", "Internal Error");
	}

	static RunnerRejectedException streamError() {
		return new RunnerRejectedException(500, "STREAM_ERROR", "Internal Error");
	}

	/**
	 * Returns the refusal that a failure of the part stream stands for: a limit of Spring's parser (part headers
	 * too large: malformed; a form field buffered past its limit: too large), a malformed body, or the client gone.
	 * @param error the failure
	 * @return the refusal
	 */
	static RunnerRejectedException of(Throwable error) {
		if (error instanceof RunnerRejectedException refusal) {
			return refusal;
		}
		if (error instanceof DataBufferLimitException) {
			String message = error.getMessage();
			return (message != null && message.startsWith("Part headers")) ? invalid() : tooLarge("Field");
		}
		if (error instanceof DecodingException || error instanceof InvalidMediaTypeException
				|| error instanceof IllegalArgumentException) {
			return invalid();
		}
		return RunnerRejectedException.aborted();
	}

	/**
	 * 413 {@code PAYLOAD_TOO_LARGE} {@code <what> limit exceeded}.
	 * @param what {@code File size}, {@code Field}, {@code Files}, {@code Fields} or {@code Parts}
	 */
	static RunnerRejectedException tooLarge(String what) {
		return new RunnerRejectedException(413, "PAYLOAD_TOO_LARGE", what + " limit exceeded");
	}

}
