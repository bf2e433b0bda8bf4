package dev.runner.spring.web;

/**
 * A protocol error the tunnel answers itself, with the status, code and message of tunnel-http.md §4.3.
 */
final class TunnelException extends RuntimeException {

	private final int status;

	private final String code;

	TunnelException(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	static TunnelException notFound() {
		return new TunnelException(404, "NOT_FOUND", "Not Found");
	}

	static TunnelException methodNotAllowed() {
		return new TunnelException(405, "METHOD_NOT_ALLOWED", "Method Not Allowed");
	}

	static TunnelException unauthorized() {
		return new TunnelException(401, "UNAUTHORIZED", "Unauthorized");
	}

	static TunnelException authNotConfigured() {
		return new TunnelException(500, "AUTH_NOT_CONFIGURED", "Authentication not configured.");
	}

	static TunnelException invalidJson() {
		return new TunnelException(400, "INVALID_JSON", "Invalid JSON body");
	}

	static TunnelException payloadTooLarge() {
		return new TunnelException(413, "PAYLOAD_TOO_LARGE", "Payload too large");
	}

	static TunnelException readTimeout() {
		return new TunnelException(408, "REQUEST_TIMEOUT", "Request Timeout");
	}

	static TunnelException aborted() {
		return new TunnelException(499, "REQUEST_ABORTED", "Client Closed Request");
	}

	static TunnelException internal() {
		return new TunnelException(500, "INTERNAL_ERROR", "Internal Error");
	}

}
