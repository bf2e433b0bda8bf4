package dev.runner.spring.serializer;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a runner-serializer payload cannot be decoded or a Java value cannot be encoded (docs/serializer.md §6.3).
 * <p>
 * {@link #errorId()} is the Runner error id of the failure ({@code runner.errors.serializer.*}); for the failures
 * for which Runner throws a plain JavaScript error instead, it is the name of that error: {@link #SYNTAX_ERROR} for
 * text that is not JSON, {@link #TYPE_ERROR} for values that cannot be encoded (cycles, functions, opaque objects)
 * and {@link #RANGE_ERROR} for instants outside the JavaScript date range. {@link #getMessage()} is the Runner
 * message, for example {@code Unknown type: Nope} or {@code Invalid JSON payload.}.
 *
 * @since 0.1.0
 */
public class RunnerSerializationException extends RuntimeException {

	/** Text that is not JSON (message {@code Invalid JSON payload.}). */
	public static final String SYNTAX_ERROR = "SyntaxError";

	/** A value that cannot be encoded: a cycle, a function, an opaque object. */
	public static final String TYPE_ERROR = "TypeError";

	/** An instant outside the JavaScript date range (message {@code Invalid time value}). */
	public static final String RANGE_ERROR = "RangeError";

	/** An unknown type id ({@code Unknown type: <id>}). */
	public static final String TYPE_REGISTRY = "runner.errors.serializer.typeRegistry";

	/** A malformed type-record or graph payload ({@code Invalid bigint payload}, ...). */
	public static final String INVALID_PAYLOAD = "runner.errors.serializer.invalidPayload";

	/** A payload that is well-formed but refused ({@code Unsafe RegExp pattern}, {@code Unsupported node kind}). */
	public static final String VALIDATION = "runner.errors.serializer.validation";

	/** A value nested deeper than the depth limit ({@code Maximum depth exceeded (1000)}). */
	public static final String DEPTH_EXCEEDED = "runner.errors.serializer.depthExceeded";

	/** A graph reference to a missing node ({@code Unresolved reference id "<id>"}). */
	public static final String REFERENCE_RESOLUTION = "runner.errors.serializer.referenceResolution";

	private final String errorId;

	/**
	 * Creates an exception.
	 * @param errorId the Runner error id or JavaScript error name
	 * @param message the Runner message
	 */
	public RunnerSerializationException(String errorId, String message) {
		this(errorId, message, null);
	}

	/**
	 * Creates an exception with a cause.
	 * @param errorId the Runner error id or JavaScript error name
	 * @param message the Runner message
	 * @param cause the underlying failure, if any
	 */
	public RunnerSerializationException(String errorId, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.errorId = errorId;
	}

	/**
	 * Returns the Runner error id, or the JavaScript error name for failures without one.
	 * @return the error id, never empty
	 */
	public String errorId() {
		return this.errorId;
	}

	static RunnerSerializationException invalidJson(@Nullable Throwable cause) {
		return new RunnerSerializationException(SYNTAX_ERROR, "Invalid JSON payload.", cause);
	}

	static RunnerSerializationException invalidPayload(String message) {
		return new RunnerSerializationException(INVALID_PAYLOAD, message);
	}

	static RunnerSerializationException validation(String message) {
		return new RunnerSerializationException(VALIDATION, message);
	}

	static RunnerSerializationException depthExceeded(int maxDepth) {
		return new RunnerSerializationException(DEPTH_EXCEEDED, "Maximum depth exceeded (" + maxDepth + ")");
	}

	static RunnerSerializationException unknownType(String typeId) {
		return new RunnerSerializationException(TYPE_REGISTRY, "Unknown type: " + typeId);
	}

	static RunnerSerializationException unresolvedReference(String id) {
		return new RunnerSerializationException(REFERENCE_RESOLUTION, "Unresolved reference id \"" + id + "\"");
	}

	static RunnerSerializationException cannotEncode(String what, @Nullable Throwable cause) {
		return new RunnerSerializationException(TYPE_ERROR, "Cannot serialize value of type \"" + what + "\"", cause);
	}

	static RunnerSerializationException circular() {
		return new RunnerSerializationException(TYPE_ERROR, "Cannot serialize circular structure in tree mode");
	}

	static RunnerSerializationException invalidTime() {
		return new RunnerSerializationException(RANGE_ERROR, "Invalid time value");
	}

}
