package dev.runner.spring.core;

/**
 * A handler method that cannot be served; the message completes a sentence that starts with the method's name.
 */
final class HandlerSignatureException extends RuntimeException {

	HandlerSignatureException(String message) {
		super(message);
	}

}
