package dev.runner.spring.serializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decoding rules of the {@code RegExp} type (docs/serializer.md §5, §6.2): payload shape, pattern length limit, the
 * Runner safety heuristic against catastrophic backtracking, flags, and a JavaScript syntax check standing in for
 * compilation.
 */
final class RegExpRules {

	static final int MAX_PATTERN_LENGTH = 1024;

	private static final String FLAGS = "dgimsuvy";

	private RegExpRules() {
	}

	/**
	 * Validates a decoded payload in the Runner order: shape, length, safety, flags, syntax.
	 * @throws RunnerSerializationException on the first failed check
	 */
	static JsRegExp fromPayload(@Nullable Object payload) {
		if (!(payload instanceof Map<?, ?> map) || payload instanceof JsMap
				|| !(map.get("pattern") instanceof String pattern) || !(map.get("flags") instanceof String flags)) {
			throw RunnerSerializationException.invalidPayload("Invalid RegExp payload");
		}
		if (pattern.length() > MAX_PATTERN_LENGTH) {
			throw RunnerSerializationException
				.validation("RegExp pattern exceeds limit (" + MAX_PATTERN_LENGTH + ")");
		}
		if (isUnsafe(pattern)) {
			throw RunnerSerializationException.validation("Unsafe RegExp pattern");
		}
		if (!isValidFlags(flags)) {
			throw RunnerSerializationException.invalidPayload("Invalid RegExp flags");
		}
		if (!isValidSyntax(pattern, flags)) {
			throw RunnerSerializationException.invalidPayload("Invalid RegExp payload");
		}
		return new JsRegExp(pattern, flags);
	}

	/**
	 * The Runner heuristic (§6.2): a quantified group that contains a quantifier, or whose top-level alternatives
	 * include an empty one or one that is a prefix of another, is unsafe.
	 */
	static boolean isUnsafe(String pattern) {
		int length = pattern.length();
		int[] groupStarts = new int[length];
		boolean[] groupQuantified = new boolean[length];
		int open = 0;
		boolean inClass = false;
		for (int i = 0; i < length; i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i++;
				continue;
			}
			if (inClass) {
				inClass = (c != ']');
				continue;
			}
			if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				groupStarts[open] = i;
				groupQuantified[open] = false;
				open++;
			}
			else if (c == ')') {
				if (open == 0) {
					continue;
				}
				open--;
				boolean quantified = groupQuantified[open];
				if (quantifierLength(pattern, i + 1) > 0
						&& (quantified || hasAmbiguousAlternatives(pattern.substring(groupStarts[open] + 1, i)))) {
					return true;
				}
				if (quantified && open > 0) {
					groupQuantified[open - 1] = true;
				}
			}
			else if (open > 0 && isQuantifierAt(pattern, i)) {
				groupQuantified[open - 1] = true;
			}
		}
		return false;
	}

	private static boolean isQuantifierAt(String pattern, int i) {
		char c = pattern.charAt(i);
		if (c == '?') {
			return i == 0 || pattern.charAt(i - 1) != '(';
		}
		return c == '*' || c == '+' || (c == '{' && heuristicBoundLength(pattern, i) > 0);
	}

	private static int quantifierLength(String pattern, int i) {
		if (i >= pattern.length()) {
			return 0;
		}
		char c = pattern.charAt(i);
		if (c == '*' || c == '+' || c == '?') {
			return 1;
		}
		return (c == '{') ? heuristicBoundLength(pattern, i) : 0;
	}

	/** {@code {} digits with at most one comma, at least one digit {@code }}. */
	private static int heuristicBoundLength(String pattern, int start) {
		int digits = 0;
		int commas = 0;
		for (int i = start + 1; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c >= '0' && c <= '9') {
				digits++;
			}
			else if (c == ',') {
				commas++;
				if (commas > 1) {
					return 0;
				}
			}
			else if (c == '}') {
				return (digits > 0) ? i - start + 1 : 0;
			}
			else {
				return 0;
			}
		}
		return 0;
	}

	private static boolean hasAmbiguousAlternatives(String body) {
		List<String> alternatives = topLevelAlternatives(stripGroupPrefix(body));
		if (alternatives.size() < 2) {
			return false;
		}
		for (int i = 0; i < alternatives.size(); i++) {
			String alternative = alternatives.get(i);
			if (alternative.isEmpty()) {
				return true;
			}
			for (int j = 0; j < alternatives.size(); j++) {
				if (i != j && alternatives.get(j).startsWith(alternative)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String stripGroupPrefix(String body) {
		if (body.length() < 2 || body.charAt(0) != '?') {
			return body;
		}
		char second = body.charAt(1);
		if (second == ':' || second == '=' || second == '!' || second == '>') {
			return body.substring(2);
		}
		if (second == '<' && body.length() > 2) {
			char third = body.charAt(2);
			if (third == '=' || third == '!') {
				return body.substring(3);
			}
			int close = body.indexOf('>', 2);
			if (close > 2) {
				return body.substring(close + 1);
			}
		}
		return body;
	}

	private static List<String> topLevelAlternatives(String body) {
		List<String> alternatives = new ArrayList<>();
		int depth = 0;
		boolean inClass = false;
		int start = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (inClass) {
				inClass = (c != ']');
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == '|' && depth == 0) {
				alternatives.add(body.substring(start, i));
				start = i + 1;
			}
		}
		alternatives.add(body.substring(start));
		return alternatives;
	}

	/**
	 * Flags from {@code dgimsuvy}, each at most once.
	 */
	static boolean isValidFlags(String flags) {
		for (int i = 0; i < flags.length(); i++) {
			char c = flags.charAt(i);
			if (FLAGS.indexOf(c) < 0 || flags.indexOf(c, i + 1) >= 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Best-effort JavaScript syntax check (Annex B rules): balanced groups and classes, valid group prefixes, no
	 * trailing backslash, nothing-to-repeat errors, ordered bounds, not both {@code u} and {@code v}.
	 */
	static boolean isValidSyntax(String pattern, String flags) {
		if (flags.indexOf('u') >= 0 && flags.indexOf('v') >= 0) {
			return false;
		}
		int length = pattern.length();
		boolean[] quantifiableGroups = new boolean[length];
		int open = 0;
		boolean inClass = false;
		boolean atom = false;
		boolean quantifier = false;
		for (int i = 0; i < length; i++) {
			char c = pattern.charAt(i);
			if (inClass) {
				if (c == '\\') {
					if (++i >= length) {
						return false;
					}
				}
				else if (c == ']') {
					inClass = false;
					atom = true;
				}
				continue;
			}
			boolean wasQuantifier = quantifier;
			quantifier = false;
			switch (c) {
				case '\\' -> {
					if (++i >= length) {
						return false;
					}
					char escaped = pattern.charAt(i);
					atom = (escaped != 'b' && escaped != 'B');
				}
				case '[' -> {
					inClass = true;
					atom = false;
				}
				case '(' -> {
					int prefix = groupPrefixLength(pattern, i + 1);
					if (prefix < 0) {
						return false;
					}
					boolean lookbehind = prefix == 3 && pattern.charAt(i + 2) == '<'
							&& (pattern.charAt(i + 3) == '=' || pattern.charAt(i + 3) == '!');
					quantifiableGroups[open++] = !lookbehind;
					i += prefix;
					atom = false;
				}
				case ')' -> {
					if (open == 0) {
						return false;
					}
					atom = quantifiableGroups[--open];
				}
				case '|', '^', '$' -> atom = false;
				case '*', '+', '?' -> {
					if (c == '?' && wasQuantifier) {
						// lazy modifier
						continue;
					}
					if (!atom) {
						return false;
					}
					atom = false;
					quantifier = true;
				}
				case '{' -> {
					int bound = boundLength(pattern, i);
					if (bound == 0) {
						atom = true;
					}
					else if (bound < 0 || !atom) {
						return false;
					}
					else {
						atom = false;
						quantifier = true;
						i += bound - 1;
					}
				}
				default -> atom = true;
			}
		}
		return !inClass && open == 0;
	}

	/** Length of the group prefix after {@code (}: 0 for a plain group, -1 if invalid. */
	private static int groupPrefixLength(String pattern, int i) {
		if (i >= pattern.length() || pattern.charAt(i) != '?') {
			return 0;
		}
		if (i + 1 >= pattern.length()) {
			return -1;
		}
		char kind = pattern.charAt(i + 1);
		if (kind == ':' || kind == '=' || kind == '!') {
			return 2;
		}
		if (kind == '<') {
			if (i + 2 >= pattern.length()) {
				return -1;
			}
			char next = pattern.charAt(i + 2);
			if (next == '=' || next == '!') {
				return 3;
			}
			int j = i + 2;
			while (j < pattern.length() && isGroupNameChar(pattern.charAt(j), j == i + 2)) {
				j++;
			}
			return (j > i + 2 && j < pattern.length() && pattern.charAt(j) == '>') ? j - i + 1 : -1;
		}
		// modifiers such as (?i:...) or (?-s:...)
		int j = i + 1;
		while (j < pattern.length() && "ims-".indexOf(pattern.charAt(j)) >= 0) {
			j++;
		}
		return (j > i + 1 && j < pattern.length() && pattern.charAt(j) == ':') ? j - i + 1 : -1;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isGroupNameChar(char c, boolean first) {
		return c == '$' || c == '_' || Character.isLetter(c) || (!first && Character.isDigit(c));
	}

	/** Length of a JavaScript bound {@code {n}}, {@code {n,}}, {@code {n,m}}; 0 if none; -1 if out of order. */
	private static int boundLength(String pattern, int start) {
		int i = start + 1;
		long min = 0;
		int minDigits = 0;
		while (i < pattern.length() && isDigit(pattern.charAt(i))) {
			min = Math.min(min * 10 + (pattern.charAt(i++) - '0'), Integer.MAX_VALUE);
			minDigits++;
		}
		if (minDigits == 0 || i >= pattern.length()) {
			return 0;
		}
		if (pattern.charAt(i) == '}') {
			return i - start + 1;
		}
		if (pattern.charAt(i) != ',') {
			return 0;
		}
		i++;
		long max = -1;
		while (i < pattern.length() && isDigit(pattern.charAt(i))) {
			max = Math.min(Math.max(max, 0) * 10 + (pattern.charAt(i++) - '0'), Integer.MAX_VALUE);
		}
		if (i >= pattern.length() || pattern.charAt(i) != '}') {
			return 0;
		}
		return (max >= 0 && max < min) ? -1 : i - start + 1;
	}

}
