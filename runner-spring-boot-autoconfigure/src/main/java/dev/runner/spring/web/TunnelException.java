package dev.runner.spring.web;

/**
 * A protocol error the tunnel answers itself, with the status, code and message of tunnel-http.md §4.3.
 */
final class TunnelException extends RuntimeException {

	private final int status;

	private final String code;

	private final boolean beforeBody;

	TunnelException(int status, String code, String message) {
		this(status, code, message, false);
	}

	private TunnelException(int status, String code, String message, boolean beforeBody) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.beforeBody = beforeBody;
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	/**
	 * Whether the request is refused before its body is read (route, method, authentication, allow-list,
	 * registration): the body is still to be received when the refusal is answered.
	 */
	boolean beforeBody() {
		return this.beforeBody;
	}

	static TunnelException notFound() {
		return new TunnelException(404, "NOT_FOUND", "Not Found", true);
	}

	static TunnelException methodNotAllowed() {
		return new TunnelException(405, "METHOD_NOT_ALLOWED", "Method Not Allowed", true);
	}

	static TunnelException unauthorized() {
		return new TunnelException(401, "UNAUTHORIZED", "Unauthorized", true);
	}

	static TunnelException authNotConfigured() {
		return new TunnelException(500, "AUTH_NOT_CONFIGURED", "Authentication not configured.", true);
	}

	/**
	 * The id of a task or event the allow-list does not serve.
	 * @param kind {@code Task} or {@code Event}
	 */
	static TunnelException notExposed(String kind, String id) {
		return new TunnelException(403, "FORBIDDEN", kind + " " + id + " not exposed", true);
	}

	/**
	 * The id of a served task or event that is not registered.
	 * @param kind {@code Task} or {@code Event}
	 */
	static TunnelException notRegistered(String kind, String id) {
		return new TunnelException(404, "NOT_FOUND", kind + " " + id + " not found", true);
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
