package dev.runner.spring.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

import org.springframework.util.ClassUtils;

import dev.runner.spring.RunnerException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The protocol's error for a failure (docs/tunnel-http.md §4.3-§4.5): what every door answers and what observations
 * tag, decided in one place, {@link #of(Throwable)}. The fields are those of the error envelope
 * {@code {"ok":false,"error":{"message","code","id","data","httpCode"}}}; {@code id} and {@code data} are set for typed
 * errors only, {@code httpCode} when the status was chosen by the failure.
 *
 * @param status the HTTP status of the answer
 * @param code the protocol error code
 * @param message the message sent to the caller, never a Java class name or a stack trace
 * @param id the typed error id, {@code null} for an untyped error
 * @param data the typed error data (encoded with the runner serializer), {@code null} for an untyped error
 * @param httpCode the {@code httpCode} to send, {@code null} for none
 * @since 0.1.0
 */
public record RunnerError(int status, String code, String message, @Nullable String id, @Nullable Object data,
		@Nullable Integer httpCode) {

	/** Code of typed {@link RunnerException}s and of every failure that is not one of the others. */
	public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	/** Code of an input that cannot be converted or fails Bean Validation ({@link InvalidInputException}). */
	public static final String INVALID_INPUT = "INVALID_INPUT";

	/** Code of a call whose caller went away, or that failed with a {@link CancellationException} (§11). */
	public static final String REQUEST_ABORTED = "REQUEST_ABORTED";

	/** Error id of {@link InvalidInputException}s. */
	public static final String INVALID_INPUT_ID = "runner.errors.InvalidInput";

	private static final String MASKED_MESSAGE = "Internal Error";

	private static final RunnerError INTERNAL = new RunnerError(500, INTERNAL_ERROR, MASKED_MESSAGE, null, null, null);

	private static final RunnerError ABORTED = new RunnerError(499, REQUEST_ABORTED, "Client Closed Request", null,
			null, null);

	private static final RunnerError ACCESS_DENIED = new RunnerError(403, "FORBIDDEN", "Access Denied", null, null,
			null);

	/** Spring Security's {@code AccessDeniedException}, when Spring Security is on the class path. */
	private static final @Nullable Class<?> ACCESS_DENIED_EXCEPTION = optionalClass(
			"org.springframework.security.access.AccessDeniedException");

	/**
	 * Classifies a failure: a {@link RunnerRejectedException} is answered as it is; a {@link RunnerException} as a
	 * typed error with its status (500 when it has none); an {@link InvalidInputException} as 400
	 * {@code INVALID_INPUT}, typed {@code runner.errors.InvalidInput} with {@code data.violations}; a
	 * {@link CancellationException} as 499 {@code REQUEST_ABORTED}; Spring Security's {@code AccessDeniedException} (a
	 * {@code @PreAuthorize} denial of the handler or of a secured bean it calls) as 403 {@code FORBIDDEN}
	 * {@code Access Denied}; anything else as the masked 500
	 * {@code INTERNAL_ERROR} {@code Internal Error} (§4.4).
	 * @param failure the failure
	 * @return the protocol's error
	 */
	public static RunnerError of(Throwable failure) {
		if (failure instanceof RunnerRejectedException rejected) {
			return new RunnerError(rejected.status(), rejected.code(), String.valueOf(rejected.getMessage()), null, null,
					null);
		}
		if (failure instanceof RunnerException typed) {
			int status = typed.httpStatus().orElse(500);
			String message = (typed.getMessage() != null && !typed.getMessage().isEmpty()) ? typed.getMessage()
					: MASKED_MESSAGE;
			return new RunnerError(status, INTERNAL_ERROR, message, typed.id(), typed.data(),
					typed.httpStatus().isPresent() ? status : null);
		}
		if (failure instanceof InvalidInputException invalid) {
			return new RunnerError(400, INVALID_INPUT, "Invalid input", INVALID_INPUT_ID, violations(invalid), 400);
		}
		if (failure instanceof CancellationException) {
			return ABORTED;
		}
		if (ACCESS_DENIED_EXCEPTION != null && ACCESS_DENIED_EXCEPTION.isInstance(failure)) {
			return ACCESS_DENIED;
		}
		return INTERNAL;
	}

	private static @Nullable Class<?> optionalClass(String name) {
		ClassLoader loader = RunnerError.class.getClassLoader();
		return ClassUtils.isPresent(name, loader) ? ClassUtils.resolveClassName(name, loader) : null;
	}

	/**
	 * Returns the masked 500 every unexpected failure is answered as.
	 * @return the error
	 */
	public static RunnerError internal() {
		return INTERNAL;
	}

	private static Map<String, Object> violations(InvalidInputException invalid) {
		List<Map<String, String>> violations = invalid.violations().stream().map((violation) -> {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("path", violation.path());
			entry.put("message", violation.message());
			return entry;
		}).toList();
		return Map.of("violations", violations);
	}

	/**
	 * Whether this is a typed error, carrying an {@code id} and {@code data}.
	 * @return whether the error is typed
	 */
	public boolean isTyped() {
		return this.id != null;
	}

	/**
	 * Whether the failure is the server's problem rather than the caller's: an {@code INTERNAL_ERROR} answered with a
	 * 5xx status (a typed error with a 4xx status is the caller's). Such failures are logged at {@code ERROR} with
	 * their stack trace, the others at {@code DEBUG}.
	 * @return whether the failure deserves an error log line
	 */
	public boolean isServerError() {
		return INTERNAL_ERROR.equals(this.code) && this.status >= 500;
	}


	/**
	 * Writes the error object, the value of {@code error} in the tunnel's envelope and in the socket's {@code result}
	 * and {@code error} frames, with the keys in the protocol's order: {@code message, code}, then for typed errors
	 * {@code id, data}, and {@code httpCode} when known (docs/tunnel-http.md §4.5).
	 * @param generator where to write, positioned for a value
	 * @param serializer encodes {@code data}
	 */
	public void writeTo(JsonGenerator generator, RunnerSerializer serializer) {
		generator.writeStartObject();
		generator.writeStringProperty("message", this.message);
		generator.writeStringProperty("code", this.code);
		if (this.id != null) {
			generator.writeStringProperty("id", this.id);
			generator.writeName("data");
			serializer.write(generator, this.data);
		}
		if (this.httpCode != null) {
			generator.writeNumberProperty("httpCode", this.httpCode);
		}
		generator.writeEndObject();
	}

}
