package dev.runner.spring.tunnel;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.ok;

/**
 * Java types of the value table of docs/serializer.md §9 over real HTTP: {@code Pattern} ⇄ {@code RegExp}, as a
 * parameter, a record field and a result, flags mapped.
 */
class ValuesIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(PatternTasks.class, "runner.auth.tokens=secret");

	private static String regExp(String source, String flags) {
		return "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"" + source + "\",\"flags\":\"" + flags + "\"}}";
	}

	@Test
	void bindsRegExpToPatternFieldAndAnswersPatternAsRegExp() {
		assertEnvelope(server.post("/__runner/task/values.anchor",
				"{\"input\":{\"name\":\"n\",\"pattern\":" + regExp("ab+c", "im") + "}}"), 200,
				ok("{\"name\":\"n\",\"pattern\":" + regExp("^ab+c$", "im") + "}"));
	}

	@Test
	void bindsRegExpToPatternParameter() {
		assertEnvelope(server.post("/__runner/task/values.matches", "{\"input\":" + regExp("^a.c$", "s") + "}"), 200,
				ok("true"));
	}

	record Search(String name, Pattern pattern) {
	}

	static class PatternTasks {

		@RunnerTask("values.anchor")
		Search anchor(Search input) {
			return new Search(input.name(), Pattern.compile("^" + input.pattern().pattern() + "$",
					input.pattern().flags()));
		}

		@RunnerTask("values.matches")
		boolean matches(Pattern pattern) {
			return pattern.matcher("a\nc").matches();
		}

	}

}
