package dev.runner.spring.client;

import java.util.List;

import dev.runner.spring.core.RunnerConfigurationException;

/**
 * Start-up failed because declared runner clients cannot be made: a {@link RunnerServiceClient} method without
 * {@link RemoteTask} or {@link RemoteEvent}, with both, with two parameters or an unsupported return type, or a client
 * without {@code runner.clients.<name>.base-url}. Every problem found is listed.
 *
 * @since 0.2.0
 */
public class RunnerClientConfigurationException extends RunnerConfigurationException {

	/**
	 * Creates the exception.
	 * @param problems what is wrong, each naming the interface, the method or the client, and the fix
	 */
	public RunnerClientConfigurationException(List<String> problems) {
		super("Runner clients cannot be made: " + String.join("; ", problems), problems);
	}

}
