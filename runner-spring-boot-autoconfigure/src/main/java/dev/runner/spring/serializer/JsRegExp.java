package dev.runner.spring.serializer;

import java.util.regex.Pattern;

/**
 * A JavaScript {@code RegExp}: its {@code source} and {@code flags}, the payload of the {@code RegExp} type record
 * {@code {"__type":"RegExp","value":{"pattern":source,"flags":flags}}} (docs/serializer.md §5, §6.2, §9.1).
 * <p>
 * A decoded instance has passed the Runner checks (pattern at most 1024 characters, the safety heuristic, flags
 * from {@code dgimsuvy} without repeats, JavaScript syntax); it is never compiled automatically. Creating one
 * directly performs no check.
 *
 * @param source the pattern source text, for example {@code a+b\/}
 * @param flags the flags, for example {@code gi}; {@code ""} for none
 * @since 0.1.0
 */
public record JsRegExp(String source, String flags) {

	/**
	 * Compiles the pattern with {@link java.util.regex}, best effort: JavaScript and Java pattern syntax differ, and
	 * only {@code i} ({@link Pattern#CASE_INSENSITIVE}), {@code m} ({@link Pattern#MULTILINE}), {@code s}
	 * ({@link Pattern#DOTALL}) and {@code u} ({@link Pattern#UNICODE_CASE}) have Java equivalents; {@code d},
	 * {@code g}, {@code v} and {@code y} are ignored.
	 * @return the compiled pattern
	 * @throws java.util.regex.PatternSyntaxException if Java rejects the source
	 */
	public Pattern toPattern() {
		int javaFlags = 0;
		for (int i = 0; i < this.flags.length(); i++) {
			switch (this.flags.charAt(i)) {
				case 'i' -> javaFlags |= Pattern.CASE_INSENSITIVE;
				case 'm' -> javaFlags |= Pattern.MULTILINE;
				case 's' -> javaFlags |= Pattern.DOTALL;
				case 'u' -> javaFlags |= Pattern.UNICODE_CASE;
				default -> {
				}
			}
		}
		return Pattern.compile(this.source, javaFlags);
	}

	/**
	 * Creates the value encoded for a Java pattern: its source and the flags {@code i}, {@code m}, {@code s} and
	 * {@code u} mapped back from {@link Pattern#flags()}, in JavaScript order.
	 * @param pattern the Java pattern
	 * @return the value
	 */
	public static JsRegExp of(Pattern pattern) {
		int javaFlags = pattern.flags();
		StringBuilder flags = new StringBuilder(4);
		if ((javaFlags & Pattern.CASE_INSENSITIVE) != 0) {
			flags.append('i');
		}
		if ((javaFlags & Pattern.MULTILINE) != 0) {
			flags.append('m');
		}
		if ((javaFlags & Pattern.DOTALL) != 0) {
			flags.append('s');
		}
		if ((javaFlags & Pattern.UNICODE_CASE) != 0) {
			flags.append('u');
		}
		return new JsRegExp(pattern.pattern(), flags.toString());
	}

	/**
	 * Returns the JavaScript literal form, {@code /source/flags}.
	 * @return the literal
	 */
	@Override
	public String toString() {
		return "/" + this.source + "/" + this.flags;
	}

}
