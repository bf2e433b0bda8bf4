package dev.runner.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.runner.spring.schedule.RunnerScheduleConfigurationException;

/**
 * Turns a start-up that fails because runner schedules cannot be run into Spring Boot's "APPLICATION FAILED TO START"
 * report, one line per problem.
 */
final class RunnerScheduleConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<RunnerScheduleConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RunnerScheduleConfigurationException cause) {
		return new FailureAnalysis(ProblemList.describe("Runner schedules cannot be run:", cause.problems()),
				"Fix the runner.schedules[<task id>] properties or the @RunnerTask(cron, zone) attributes listed above.",
				cause);
	}

}
