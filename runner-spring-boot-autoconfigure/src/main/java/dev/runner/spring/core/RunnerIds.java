package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;

/**
 * Checks task and event ids against what the tunnel can address (docs/tunnel-http.md §2.2: segments are split on
 * {@code /} and empty ones dropped, so an id that is empty, or has an empty segment or a trailing slash, cannot be
 * called). Any other string is an id, white space and control characters included: the protocol percent-decodes the
 * path, so {@code /task/a%20b} reaches {@code a b}, as with the Node exposure.
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
		if (id.startsWith("/") || id.endsWith("/") || id.contains("//")) {
			return "has an empty '/' segment, which the tunnel cannot address: remove the leading, trailing or doubled '/'";
		}
		return null;
	}

}
