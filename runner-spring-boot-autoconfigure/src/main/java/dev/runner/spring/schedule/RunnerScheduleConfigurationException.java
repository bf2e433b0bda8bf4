package dev.runner.spring.schedule;

import java.util.List;

import dev.runner.spring.core.RunnerConfigurationException;

/**
 * Thrown at start-up when schedules cannot be run as configured; the message lists every problem found (a bad cron
 * or zone, a schedule of an unknown task, an input that does not decode or convert, bad lock durations), each naming
 * the property or the handler and the fix.
 *
 * @since 0.2.0
 */
public class RunnerScheduleConfigurationException extends RunnerConfigurationException {

	/**
	 * Creates the exception.
	 * @param problems one sentence per problem
	 */
	public RunnerScheduleConfigurationException(List<String> problems) {
		super("Runner schedules cannot be run:\n - " + String.join("\n - ", problems), problems);
	}

}
