package dev.runner.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.runner.spring.core.RunnerHandlerConfigurationException;

/**
 * Turns a start-up that fails because runner handlers cannot be served into Spring Boot's "APPLICATION FAILED TO
 * START" report: every problem found, each naming the bean, the method and the fix, instead of a stack trace.
 */
final class RunnerHandlerConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<RunnerHandlerConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RunnerHandlerConfigurationException cause) {
		return new FailureAnalysis(ProblemList.describe("Runner handlers cannot be served:", cause.problems()),
				"Fix the @RunnerTask and @RunnerEvent handlers (or the runner.* properties) listed above.", cause);
	}

}
