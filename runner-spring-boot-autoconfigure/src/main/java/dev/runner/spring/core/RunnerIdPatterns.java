package dev.runner.spring.core;

import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * Id patterns as the runner's properties write them (exposure, channel patterns, events to channels): {@code *}
 * matches any characters except {@code .}, {@code **} matches any characters, anything else matches itself.
 *
 * @since 0.1.0
 */
public final class RunnerIdPatterns {

	private static final AntPathMatcher MATCHER = matcher();

	private final List<String> patterns;

	private final boolean all;

	/**
	 * Creates the patterns.
	 * @param patterns the patterns; none to match nothing
	 */
	public RunnerIdPatterns(List<String> patterns) {
		this.patterns = List.copyOf(patterns);
		this.all = this.patterns.contains("**");
	}

	/**
	 * Whether any pattern matches an id.
	 * @param id the id, for example a task id or a channel name
	 * @return whether it matches
	 */
	public boolean matches(String id) {
		if (this.all) {
			return true;
		}
		for (String pattern : this.patterns) {
			if (pattern.equals(id) || MATCHER.match(pattern, id)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether no id can match.
	 * @return whether there is no pattern
	 */
	public boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	private static AntPathMatcher matcher() {
		AntPathMatcher matcher = new AntPathMatcher(".");
		matcher.setTrimTokens(false);
		return matcher;
	}

}
