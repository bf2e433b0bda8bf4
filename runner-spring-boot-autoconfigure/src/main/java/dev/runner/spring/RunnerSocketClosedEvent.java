package dev.runner.spring;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an authenticated socket has closed, however it closed (docs/socket.md §4), once it has left its
 * channels, for {@code @EventListener} methods. Listeners run on the event loop: they must not block.
 *
 * @since 0.1.0
 */
public class RunnerSocketClosedEvent extends ApplicationEvent {

	private final int code;

	/**
	 * Creates the event.
	 * @param socket the socket
	 * @param code the close code: the one sent or received, 1006 when the connection ended without a close frame
	 */
	public RunnerSocketClosedEvent(RunnerSocket socket, int code) {
		super(socket);
		this.code = code;
	}

	/**
	 * Returns the socket.
	 * @return the socket
	 */
	public RunnerSocket getSocket() {
		return (RunnerSocket) getSource();
	}

	/**
	 * Returns the close code.
	 * @return the code, for example 1000, 1001 or 4408
	 */
	public int getCode() {
		return this.code;
	}

}
