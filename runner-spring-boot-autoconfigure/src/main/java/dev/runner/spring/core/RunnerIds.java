package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;

/**
 * Checks task and event ids against what the tunnel can address (tunnel-http.md §2.2: segments are split on
 * {@code /} and empty ones dropped, so an id with an empty segment or a trailing slash cannot be called).
 */
final class RunnerIds {

	private RunnerIds() {
	}

	/**
	 * Returns what is wrong with an id.
	 * @param id the id
	 * @return the end of a sentence saying what is wrong and how to fix it, or {@code null} for a good id
	 */
	static @Nullable String problem(String id) {
		if (id.isEmpty()) {
			return "is empty: set the annotation's value, for example \"app.tasks.add\"";
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				return "contains white space or a control character: use dots to separate words, as in \"app.tasks.add\"";
			}
		}
		if (id.startsWith("/") || id.endsWith("/") || id.contains("//")) {
			return "has an empty '/' segment, which the tunnel cannot address: remove the leading, trailing or doubled '/'";
		}
		return null;
	}

}
