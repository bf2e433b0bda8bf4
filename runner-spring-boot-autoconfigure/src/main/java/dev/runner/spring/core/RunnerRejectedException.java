package dev.runner.spring.core;

/**
 * A call the runner refuses, in the protocol's terms: the HTTP status, the protocol's error code and a message that
 * is safe to show to the caller (docs/tunnel-http.md §4.3). Every door answers it as it is, without masking: the HTTP
 * tunnel as an error envelope with that status, the socket as an error frame with that code.
 * <p>
 * The factories below are the refusals the protocol defines for every door; a door adds its own with the public
 * constructor (the multipart refusals of §3.3, for example). {@link RunnerError#of(Throwable)} classifies any
 * failure, this one included.
 *
 * @since 0.1.0
 */
public class RunnerRejectedException extends RuntimeException {

	private final int status;

	private final String code;

	/**
	 * Creates the exception; it carries no stack trace, being an answer rather than a fault.
	 * @param status the HTTP status of the answer, 400 to 599
	 * @param code the protocol error code, for example {@code FORBIDDEN}
	 * @param message the message sent to the caller
	 */
	public RunnerRejectedException(int status, String code, String message) {
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
	 * Returns the protocol error code.
	 * @return the code, for example {@code FORBIDDEN} or {@code OVERLOADED}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * 404 {@code NOT_FOUND} {@code Not Found}: nothing is served at the path (§2.2).
	 * @return the refusal
	 */
	public static RunnerRejectedException notFound() {
		return new RunnerRejectedException(404, "NOT_FOUND", "Not Found");
	}

	/**
	 * 405 {@code METHOD_NOT_ALLOWED} {@code Method Not Allowed} (§2.4).
	 * @return the refusal
	 */
	public static RunnerRejectedException methodNotAllowed() {
		return new RunnerRejectedException(405, "METHOD_NOT_ALLOWED", "Method Not Allowed");
	}

	/**
	 * 401 {@code UNAUTHORIZED} {@code Unauthorized}: no token matched and no validator accepted the call (§5).
	 * @return the refusal
	 */
	public static RunnerRejectedException unauthorized() {
		return new RunnerRejectedException(401, "UNAUTHORIZED", "Unauthorized");
	}

	/**
	 * 500 {@code AUTH_NOT_CONFIGURED} {@code Authentication not configured.}: no token, no validator, no anonymous
	 * calls (§5).
	 * @return the refusal
	 */
	public static RunnerRejectedException authNotConfigured() {
		return new RunnerRejectedException(500, "AUTH_NOT_CONFIGURED", "Authentication not configured.");
	}

	/**
	 * 403 {@code FORBIDDEN} {@code <Kind> <id> not exposed}: the allow-list does not serve the id (§6).
	 * @param kind {@code Task} or {@code Event}
	 * @param id the task or event id
	 * @return the refusal
	 */
	public static RunnerRejectedException notExposed(String kind, String id) {
		return new RunnerRejectedException(403, "FORBIDDEN", kind + " " + id + " not exposed");
	}

	/**
	 * 404 {@code NOT_FOUND} {@code <Kind> <id> not found}: the id is served but nothing is registered for it (§2.3).
	 * @param kind {@code Task} or {@code Event}
	 * @param id the task or event id
	 * @return the refusal
	 */
	public static RunnerRejectedException notRegistered(String kind, String id) {
		return new RunnerRejectedException(404, "NOT_FOUND", kind + " " + id + " not found");
	}

	/**
	 * 403 {@code FORBIDDEN}: a guard refused the call.
	 * @param taskId the task
	 * @param guardName the bean name of the guard
	 * @return the refusal
	 */
	public static RunnerRejectedException refusedByGuard(String taskId, String guardName) {
		return new RunnerRejectedException(403, "FORBIDDEN", "Task " + taskId + " refused by " + guardName);
	}

	/**
	 * 503 {@code OVERLOADED}: the task is at its concurrency limit.
	 * @param taskId the task
	 * @param maxConcurrency its limit
	 * @return the refusal
	 */
	public static RunnerRejectedException overloaded(String taskId, int maxConcurrency) {
		return new RunnerRejectedException(503, "OVERLOADED",
				"Task " + taskId + " is at its limit of " + maxConcurrency + " concurrent calls");
	}

	/**
	 * 400 {@code PARALLEL_EVENT_RETURN_UNSUPPORTED}: the final payload of a parallel event was asked for (§3.5).
	 * @param eventId the event
	 * @return the refusal
	 */
	public static RunnerRejectedException parallelEventReturn(String eventId) {
		return new RunnerRejectedException(400, "PARALLEL_EVENT_RETURN_UNSUPPORTED",
				"Event " + eventId + " is marked parallel; returning a payload is not supported.");
	}

	/**
	 * 400 {@code INVALID_JSON} {@code Invalid JSON body}: the body is not the runner serializer's JSON (§3.2).
	 * @return the refusal
	 */
	public static RunnerRejectedException invalidJson() {
		return new RunnerRejectedException(400, "INVALID_JSON", "Invalid JSON body");
	}

	/**
	 * 413 {@code PAYLOAD_TOO_LARGE} {@code Payload too large}: the body is over the size limit (§8).
	 * @return the refusal
	 */
	public static RunnerRejectedException payloadTooLarge() {
		return new RunnerRejectedException(413, "PAYLOAD_TOO_LARGE", "Payload too large");
	}

	/**
	 * 408 {@code REQUEST_TIMEOUT} {@code Request Timeout}: the body was not received in time (a limit of this server,
	 * see the note in §8).
	 * @return the refusal
	 */
	public static RunnerRejectedException readTimeout() {
		return new RunnerRejectedException(408, "REQUEST_TIMEOUT", "Request Timeout");
	}

	/**
	 * 499 {@code REQUEST_ABORTED} {@code Client Closed Request}: the caller went away (§11).
	 * @return the refusal
	 */
	public static RunnerRejectedException aborted() {
		return new RunnerRejectedException(499, "REQUEST_ABORTED", "Client Closed Request");
	}

	/**
	 * 500 {@code INTERNAL_ERROR} {@code Internal Error}: what any unexpected failure is answered as (§4.4).
	 * @return the refusal
	 */
	public static RunnerRejectedException internal() {
		return new RunnerRejectedException(500, RunnerError.INTERNAL_ERROR, "Internal Error");
	}

}
