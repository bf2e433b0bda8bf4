package dev.runner.spring.core;

/**
 * Told about the requests a door refuses before dispatching them to a handler (not found, wrong method,
 * authentication failed or not configured, not exposed, invalid or too large body ...), and about clients that go
 * away. Implementations must be quick and must not throw; metrics hook in here.
 *
 * @since 0.1.0
 */
public interface RunnerRequestListener {

	/**
	 * Called for one refused request.
	 * @param errorCode the protocol's error code of the answer, such as {@code UNAUTHORIZED} or {@code FORBIDDEN}
	 */
	void refused(String errorCode);

	/**
	 * Called when a client's connection fails (reset or closed by the client) after the door was done with its
	 * request, which is normal and logged at {@code DEBUG} only.
	 */
	default void disconnected() {
	}

}
