package dev.runner.spring.client;

import java.util.List;

/**
 * Start-up failed because declared runner clients cannot be made: a {@link RunnerServiceClient} method without
 * {@link RemoteTask} or {@link RemoteEvent}, with both, with two parameters or an unsupported return type, or a client
 * without {@code runner.clients.<name>.base-url}. Every problem found is listed.
 *
 * @since 0.2.0
 */
public class RunnerClientConfigurationException extends IllegalStateException {

	private final List<String> problems;

	/**
	 * Creates the exception.
	 * @param problems what is wrong, each naming the interface, the method or the client, and the fix
	 */
	public RunnerClientConfigurationException(List<String> problems) {
		super("Runner clients cannot be made: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems found.
	 * @return the problems, at least one
	 */
	public List<String> problems() {
		return this.problems;
	}

}
