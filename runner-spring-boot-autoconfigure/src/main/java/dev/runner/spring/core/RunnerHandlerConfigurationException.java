package dev.runner.spring.core;

import java.util.List;

/**
 * Thrown at start-up when runner handlers cannot be served as declared; the message lists every problem found, each
 * naming the bean, the method and the fix.
 *
 * @since 0.1.0
 */
public class RunnerHandlerConfigurationException extends RunnerConfigurationException {

	/**
	 * Creates the exception.
	 * @param problems one sentence per problem
	 */
	public RunnerHandlerConfigurationException(List<String> problems) {
		super("Runner handlers cannot be served:\n - " + String.join("\n - ", problems), problems);
	}

}
