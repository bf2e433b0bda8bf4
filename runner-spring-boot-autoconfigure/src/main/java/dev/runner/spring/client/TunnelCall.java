package dev.runner.spring.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * One call of a client, as its messages and observation name it: the client, the task or event id and the URL
 * (never the token).
 *
 * @param client the client's name
 * @param event whether it emits an event
 * @param id the task or event id
 * @param uri the URL called
 */
record TunnelCall(String client, boolean event, String id, URI uri) {

	/**
	 * Makes the exception of a failed call: {@code <what> (<code>, HTTP <status>): task <id> at <url>, client
	 * '<name>'}.
	 * @param code the error code
	 * @param status the HTTP status, 0 when none
	 * @param what what went wrong, the server's message for an error envelope
	 * @param cause the cause, if any
	 * @return the exception
	 */
	RunnerClientException failure(String code, int status, String what, @Nullable Throwable cause) {
		String message = what + " (" + code + ((status != 0) ? ", HTTP " + status : "") + "): " + describe();
		return new RunnerClientException(code, status, message, cause);
	}

	/**
	 * Returns {@code task <id> at <url>, client '<name>'}.
	 * @return the description
	 */
	String describe() {
		return (this.event ? "event " : "task ") + this.id + " at " + this.uri + ", client '" + this.client + "'";
	}

	/**
	 * Returns the official clients' message for an envelope that says nothing: {@code Tunnel task error} or
	 * {@code Tunnel event error}.
	 * @return the message
	 */
	String fallbackMessage() {
		return this.event ? "Tunnel event error" : "Tunnel task error";
	}

}
