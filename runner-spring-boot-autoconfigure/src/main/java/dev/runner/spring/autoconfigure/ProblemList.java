package dev.runner.spring.autoconfigure;

import java.util.List;

/**
 * The description of a start-up failure analysis that lists problems: a heading, then one {@code  - } line each.
 */
final class ProblemList {

	private ProblemList() {
	}

	static String describe(String heading, List<String> problems) {
		StringBuilder description = new StringBuilder(heading);
		problems.forEach((problem) -> description.append(System.lineSeparator()).append("  - ").append(problem));
		return description.toString();
	}

}
