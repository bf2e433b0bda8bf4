package dev.runner.spring.web;

/**
 * Told about every request the tunnel refuses before dispatching it to a handler: not found, wrong method,
 * authentication failed or not configured, not exposed, unsupported media type, invalid or too large body.
 * Implementations must be quick and must not throw.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TunnelRefusalListener {

	/**
	 * Called for one refused request.
	 * @param errorCode the protocol's error code of the answer, such as {@code UNAUTHORIZED} or {@code FORBIDDEN}
	 */
	void refused(String errorCode);

}
