package dev.runner.spring.web.multipart;

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
	 * 413 {@code PAYLOAD_TOO_LARGE} {@code <what> limit exceeded}.
	 * @param what {@code File size}, {@code Field}, {@code Files}, {@code Fields} or {@code Parts}
	 */
	static RunnerRejectedException tooLarge(String what) {
		return new RunnerRejectedException(413, "PAYLOAD_TOO_LARGE", what + " limit exceeded");
	}

}
