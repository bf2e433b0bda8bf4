package dev.runner.spring.client;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a {@code runner.client.task} or {@code runner.client.event} observation (its name, unless the
 * convention gives another): one call of a {@link RunnerClient}, from subscription to its result, error or
 * cancellation.
 *
 * @since 0.2.0
 */
public class RunnerClientObservationContext extends Observation.Context {

	private final String clientName;

	private final boolean event;

	private final String id;

	private final String url;

	private @Nullable String requestId;

	private @Nullable String errorCode;

	private boolean completed;

	/**
	 * Creates the context of one call.
	 * @param clientName the client's name
	 * @param event whether the call emits an event ({@code false}: it runs a task)
	 * @param id the task or event id
	 * @param url the URL called
	 */
	public RunnerClientObservationContext(String clientName, boolean event, String id, String url) {
		this.clientName = clientName;
		this.event = event;
		setName(event ? DefaultRunnerClientObservationConvention.EVENT_NAME
				: DefaultRunnerClientObservationConvention.TASK_NAME);
		this.id = id;
		this.url = url;
	}

	/**
	 * Returns the client's name.
	 * @return the name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Returns whether the call emits an event.
	 * @return {@code true} for an event, {@code false} for a task
	 */
	public boolean isEvent() {
		return this.event;
	}

	/**
	 * Returns the task or event id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Returns the URL called.
	 * @return the URL
	 */
	public String getUrl() {
		return this.url;
	}

	/**
	 * Returns the request id sent with the call, when one was.
	 * @return the request id, or {@code null}
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	void setRequestId(@Nullable String requestId) {
		this.requestId = requestId;
	}

	/**
	 * Returns the error's code: the envelope's {@code error.code} or another {@link RunnerClientException} code,
	 * {@code INTERNAL_ERROR} for a typed error, {@code CLIENT_ERROR} for a failure of the client itself (an input the
	 * serializer cannot encode); {@code null} while the call has not failed.
	 * @return the code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	void setErrorCode(@Nullable String errorCode) {
		this.errorCode = errorCode;
	}

	/**
	 * Returns whether the call completed without error.
	 * @return {@code true} once it succeeded
	 */
	public boolean isCompleted() {
		return this.completed;
	}

	void setCompleted(boolean completed) {
		this.completed = completed;
	}

}
