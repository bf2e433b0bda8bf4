package dev.runner.spring.core;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.runner.spring.RunnerException;

/**
 * A task call that took longer than its timeout: the typed error {@code runner.errors.Timeout}, HTTP 504, with data
 * {@code {"taskId": id, "timeoutMs": ms}}.
 *
 * @since 0.1.0
 */
public class TaskTimeoutException extends RunnerException {

	/** The error id. */
	public static final String ID = "runner.errors.Timeout";

	/**
	 * Creates the exception.
	 * @param taskId the task that timed out
	 * @param timeoutMillis its timeout in milliseconds
	 */
	public TaskTimeoutException(String taskId, long timeoutMillis) {
		super(ID, "Task " + taskId + " timed out after " + timeoutMillis + " ms", data(taskId, timeoutMillis), 504);
	}

	private static Map<String, Object> data(String taskId, long timeoutMillis) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("taskId", taskId);
		data.put("timeoutMs", timeoutMillis);
		return data;
	}

}
