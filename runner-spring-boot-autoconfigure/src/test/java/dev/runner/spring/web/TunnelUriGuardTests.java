package dev.runner.spring.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TunnelUriGuardTests {

	private final TunnelUriGuard guard = new TunnelUriGuard("/__runner");

	@ParameterizedTest
	@CsvSource(delimiter = '>', textBlock = """
			/__runner/task/app.tasks.add            > /__runner/task/app.tasks.add
			/__runner/task/app.tasks%2Fslash?x=1    > /__runner/task/app.tasks%2Fslash?x=1
			/__runner/task/%E0%A4%A                 > /__runner
			/__runner/task/%zz                      > /__runner
			/__runner/task/a|b                      > /__runner/task/a%7Cb
			/__runner/task/a\\b                     > /__runner/task/a/b
			/__runner/task/é                        > /__runner/task/%C3%A9
			/__runner/task/x?q=|                    > /__runner/task/x
			/other/%zz                              > /other/%zz
			""")
	void makesTunnelTargetsParseable(String received, String handedOn) {
		assertThat(this.guard.safeUri(received)).isEqualTo(handedOn);
	}

}
