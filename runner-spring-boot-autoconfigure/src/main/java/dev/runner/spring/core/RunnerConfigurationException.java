package dev.runner.spring.core;

import java.util.List;

/**
 * Base of the start-up failures that list every problem found at once (handlers, schedules, declared clients), each
 * problem one sentence naming what is wrong and the fix; a FailureAnalyzer turns each kind into Spring Boot's report.
 *
 * @since 0.2.0
 */
public abstract class RunnerConfigurationException extends IllegalStateException {

	private final List<String> problems;

	/**
	 * Creates the exception.
	 * @param message the message, which lists the problems
	 * @param problems one sentence per problem, at least one
	 */
	protected RunnerConfigurationException(String message, List<String> problems) {
		super(message);
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems found.
	 * @return one sentence per problem
	 */
	public List<String> problems() {
		return this.problems;
	}

}
