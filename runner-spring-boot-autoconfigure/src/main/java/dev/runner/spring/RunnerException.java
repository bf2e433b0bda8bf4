package dev.runner.spring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A typed error: thrown by a handler, it reaches the caller with its id, message and data, and the official clients
 * rebuild their own typed error from it through their {@code errorRegistry} (docs/tunnel-http.md §4.5, §14.6).
 * <p>
 * The response status is {@link #httpStatus()} when set, else 500; the envelope is
 * {@code {"ok":false,"error":{"message":m,"code":"INTERNAL_ERROR","id":id,"data":data,"httpCode":status}}}, with
 * {@code data} always present ({@code {}} when none) and {@code httpCode} only when a status was set. Subclass it for
 * your own errors.
 *
 * @since 0.1.0
 */
public class RunnerException extends RuntimeException {

	private final String id;

	private final Object data;

	private final int httpStatus;

	/**
	 * Creates a typed error with empty data and no HTTP status (the response is a 500).
	 * @param id the error id, for example {@code app.errors.Conflict}; must not be empty
	 * @param message the message sent to the caller; an empty message is sent as {@code Internal Error}
	 */
	public RunnerException(String id, String message) {
		this(id, message, null, 0);
	}

	/**
	 * Creates a typed error with data and no HTTP status (the response is a 500).
	 * @param id the error id; must not be empty
	 * @param message the message sent to the caller
	 * @param data the error data, encoded with the runner serializer; {@code null} is sent as {@code {}}
	 */
	public RunnerException(String id, String message, @Nullable Object data) {
		this(id, message, data, 0);
	}

	/**
	 * Creates a typed error with data and an HTTP status.
	 * @param id the error id; must not be empty
	 * @param message the message sent to the caller
	 * @param data the error data, encoded with the runner serializer; {@code null} is sent as {@code {}}
	 * @param httpStatus the response status, 100 to 599
	 * @throws IllegalArgumentException if the id is empty or the status is out of range
	 */
	public RunnerException(String id, String message, @Nullable Object data, int httpStatus) {
		super(message);
		Assert.hasText(id, "'id' must not be empty");
		Assert.isTrue(httpStatus == 0 || (httpStatus >= 100 && httpStatus <= 599),
				() -> "'httpStatus' must be between 100 and 599, was " + httpStatus);
		this.id = id;
		this.data = (data != null) ? data : Collections.unmodifiableMap(new LinkedHashMap<String, Object>());
		this.httpStatus = httpStatus;
	}

	/**
	 * Returns the error id.
	 * @return the error id, never empty
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the error data sent as {@code error.data}.
	 * @return the data, an empty map when none was given
	 */
	public Object data() {
		return this.data;
	}

	/**
	 * Returns the HTTP status of the response, also sent as {@code error.httpCode}.
	 * @return the status, or empty when the response is a plain 500
	 */
	public OptionalInt httpStatus() {
		return (this.httpStatus != 0) ? OptionalInt.of(this.httpStatus) : OptionalInt.empty();
	}

}
