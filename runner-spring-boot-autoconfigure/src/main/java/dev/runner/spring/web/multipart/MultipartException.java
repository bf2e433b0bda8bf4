package dev.runner.spring.web.multipart;

/**
 * A multipart request the tunnel refuses, with the status, code and message of tunnel-http.md §3.3 and §4.3.
 *
 * @since 0.1.0
 */
public final class MultipartException extends RuntimeException {

	private final int status;

	private final String code;

	MultipartException(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	/**
	 * Returns the HTTP status of the answer.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the protocol's error code.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	static MultipartException invalid() {
		return new MultipartException(400, "INVALID_MULTIPART", "Invalid multipart payload");
	}

	static MultipartException invalidManifest() {
		return new MultipartException(400, "INVALID_MULTIPART", "Invalid manifest");
	}

	static MultipartException missingManifest() {
		return new MultipartException(400, "MISSING_MANIFEST", "Missing manifest");
	}

	static MultipartException missingFilePart() {
		return new MultipartException(500, "MISSING_FILE_PART", "Internal Error");
	}

	static MultipartException streamError() {
		return new MultipartException(500, "STREAM_ERROR", "Internal Error");
	}

	static MultipartException aborted() {
		return new MultipartException(499, "REQUEST_ABORTED", "Client Closed Request");
	}

	/**
	 * Returns the failure of a body the client stopped sending: 408 {@code REQUEST_TIMEOUT}.
	 * @return the failure
	 */
	public static MultipartException readTimeout() {
		return new MultipartException(408, "REQUEST_TIMEOUT", "Request Timeout");
	}

	static MultipartException tooLarge(String what) {
		return new MultipartException(413, "PAYLOAD_TOO_LARGE", what + " limit exceeded");
	}

}
