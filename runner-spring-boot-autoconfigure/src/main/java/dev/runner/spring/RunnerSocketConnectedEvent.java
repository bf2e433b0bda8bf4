package dev.runner.spring;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a socket has been authenticated and its {@code ready} frame sent (docs/socket.md §1), for
 * {@code @EventListener} methods. Listeners run on the event loop: they must not block.
 *
 * @since 0.1.0
 */
public class RunnerSocketConnectedEvent extends ApplicationEvent {

	/**
	 * Creates the event.
	 * @param socket the socket
	 */
	public RunnerSocketConnectedEvent(RunnerSocket socket) {
		super(socket);
	}

	/**
	 * Returns the socket.
	 * @return the socket
	 */
	public RunnerSocket getSocket() {
		return (RunnerSocket) getSource();
	}

}
