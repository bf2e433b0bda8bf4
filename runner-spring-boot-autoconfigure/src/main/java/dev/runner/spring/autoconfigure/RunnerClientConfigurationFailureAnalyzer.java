package dev.runner.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.runner.spring.client.RunnerClientConfigurationException;

/**
 * Turns a start-up that fails because declared runner clients cannot be made into Spring Boot's "APPLICATION FAILED
 * TO START" report, one line per problem.
 */
final class RunnerClientConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<RunnerClientConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RunnerClientConfigurationException cause) {
		return new FailureAnalysis(ProblemList.describe("Runner clients cannot be made:", cause.problems()),
				"Fix the @RunnerServiceClient interfaces or the runner.clients.* properties listed above.", cause);
	}

}
