package dev.runner.spring.serializer;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The RegExp rules of docs/serializer.md §6.2: safety heuristic, limit, flags, syntax, and the Java mapping of §9.1.
 */
class RegExpRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "(a+)+", "(a*)*", "(a|aa)+", "^(a|aa)+$", "(|a)*", "(a|)*", "(a|a)*", "((a+))+",
			"(?:a+)+", "(a{2})*", "(a|ab)*", "(?<n>a|ab)+", "(x+x+)+y", "(a+){2}", "(a+){2,}", "(a+){2,5}", "(a+)?",
			"(a{,3})+", "(?:(?:a|b)+c)+", "(?=a|ab)+", "(?<!a|ab)*", "([a-z]+)*$", "(\\d+)+" })
	void detectsUnsafePatterns(String pattern) {
		assertThat(RegExpRules.isUnsafe(pattern)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a+b", "(ab)+", "(a|b)+", "[(a+)]+", "\\(a+\\)+", "(a+)", "(?:ab|cd)*", "(a|b)?",
			"(a{x})+", "(a)(b+)", "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", "(\\(a+)", "(a+\\)+", "", "a{2,3}",
			"(ba|ab)*", "(?:a)+", "(a|b|c)*d" })
	void acceptsSafePatterns(String pattern) {
		assertThat(RegExpRules.isUnsafe(pattern)).isFalse();
	}

	@Test
	void lengthLimitIs1024Characters() {
		assertThat(RegExpRules.fromPayload(payload("a".repeat(1024), ""))).isEqualTo(new JsRegExp("a".repeat(1024), ""));
		assertThatExceptionOfType(RunnerSerializationException.class)
			.isThrownBy(() -> RegExpRules.fromPayload(payload("a".repeat(1025), "")))
			.withMessage("RegExp pattern exceeds limit (1024)")
			.satisfies((ex) -> assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.VALIDATION));
		// the limit is checked before the safety heuristic
		assertThatExceptionOfType(RunnerSerializationException.class)
			.isThrownBy(() -> RegExpRules.fromPayload(payload("(a+)+" + "a".repeat(1020), "")))
			.withMessage("RegExp pattern exceeds limit (1024)");
	}

	@Test
	void safetyIsCheckedBeforeFlags() {
		assertThatExceptionOfType(RunnerSerializationException.class)
			.isThrownBy(() -> RegExpRules.fromPayload(payload("(a+)+", "gg")))
			.withMessage("Unsafe RegExp pattern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "g", "dgimsuvy", "yg", "u", "v" })
	void acceptsFlags(String flags) {
		assertThat(RegExpRules.isValidFlags(flags)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "gg", "x", "G", "gig", " " })
	void rejectsFlags(String flags) {
		assertThat(RegExpRules.isValidFlags(flags)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "a*?", "a+?", "a??", "a{2}", "a{2,}", "a{2,3}?", "{", "a{", "a{,3}", "}", "]",
			"(?<name>x)\\k<name>", "(?<=a)b", "(?<!a)b", "(?=a)*", "(?!a)+", "[^]", "[\\]]", "(?:)", "()", "a|b|",
			"\\/", "x(?i:a)", "[(]", "\\b", "$", "^a$" })
	void acceptsJavaScriptSyntax(String pattern) {
		assertThat(RegExpRules.isValidSyntax(pattern, "")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "(", ")", "a)", "(a", "[a", "a\\", "*a", "a**", "a*??", "+", "?", "a{2,1}", "(?<1a>x)",
			"(?x)", "(?<=a)*", "a|*", "(*)", "^*", "$+", "\\b+", "(?<>a)", "a{2}{3}", "(?" })
	void rejectsInvalidSyntax(String pattern) {
		assertThat(RegExpRules.isValidSyntax(pattern, "")).isFalse();
	}

	@Test
	void rejectsUnicodeAndUnicodeSetsTogether() {
		assertThatExceptionOfType(RunnerSerializationException.class)
			.isThrownBy(() -> RegExpRules.fromPayload(payload("a", "uv")))
			.withMessage("Invalid RegExp payload");
	}

	@Test
	void toPatternMapsFlags() {
		Pattern pattern = new JsRegExp("a.b", "gimsuy").toPattern();
		assertThat(pattern.pattern()).isEqualTo("a.b");
		assertThat(pattern.flags()).isEqualTo(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.DOTALL
				| Pattern.UNICODE_CASE);
		assertThat(new JsRegExp("a+b\\/", "").toPattern().matcher("aab/").matches()).isTrue();
	}

	@Test
	void javaPatternIsEncodedAsRegExp() {
		RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());
		assertThat(serializer.encodeToString(Pattern.compile("^a+$", Pattern.DOTALL | Pattern.CASE_INSENSITIVE)))
			.isEqualTo("{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"^a+$\",\"flags\":\"is\"}}");
		assertThat(new JsRegExp("a", "g")).hasToString("/a/g");
	}

	private static Map<String, Object> payload(String pattern, String flags) {
		return Map.of("pattern", pattern, "flags", flags);
	}

}
