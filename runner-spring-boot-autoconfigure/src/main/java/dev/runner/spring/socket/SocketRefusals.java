package dev.runner.spring.socket;

import dev.runner.spring.core.RunnerRejectedException;

/**
 * The refusals the socket protocol adds to the tunnel's (docs/socket.md §1-§3); each is answered as the error object of
 * a {@code result} or {@code error} frame, or as the HTTP answer of a refused upgrade.
 */
final class SocketRefusals {

	static final String INVALID_FRAME = "INVALID_FRAME";

	private SocketRefusals() {
	}

	static RunnerRejectedException originNotAllowed() {
		return new RunnerRejectedException(403, "FORBIDDEN", "Origin not allowed");
	}

	static RunnerRejectedException unsupportedSubProtocol() {
		return new RunnerRejectedException(400, "INVALID_REQUEST", "Unsupported sub-protocol");
	}

	static RunnerRejectedException upgradeExpected() {
		return new RunnerRejectedException(400, "INVALID_REQUEST", "WebSocket upgrade expected");
	}

	static RunnerRejectedException invalidFrame(String message) {
		return new RunnerRejectedException(400, INVALID_FRAME, message);
	}

	static RunnerRejectedException duplicateId(String id) {
		return new RunnerRejectedException(400, "DUPLICATE_ID", "Request id " + id + " is already in flight");
	}

	static RunnerRejectedException notAuthenticated() {
		return new RunnerRejectedException(401, "UNAUTHORIZED", "Authenticate first: send an auth frame");
	}

	static RunnerRejectedException subscribeRefused(String channel) {
		return new RunnerRejectedException(403, "FORBIDDEN", "Subscribe to " + channel + " refused");
	}

	static RunnerRejectedException publishRefused(String channel) {
		return new RunnerRejectedException(403, "FORBIDDEN", "Publish to " + channel + " refused");
	}

	static RunnerRejectedException tooManyInFlight(int maxInFlight) {
		return new RunnerRejectedException(503, "OVERLOADED",
				"The socket is at its limit of " + maxInFlight + " requests in flight");
	}

	static RunnerRejectedException tooManyChannels(int maxChannels) {
		return new RunnerRejectedException(503, "OVERLOADED",
				"The socket is at its limit of " + maxChannels + " channels");
	}

	static RunnerRejectedException shuttingDown() {
		return new RunnerRejectedException(503, "OVERLOADED", "Server shutting down");
	}

}
