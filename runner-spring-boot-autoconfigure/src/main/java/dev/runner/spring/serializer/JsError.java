package dev.runner.spring.serializer;

import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A JavaScript {@code Error} transported as a value, the payload of the {@code Error} type record
 * {@code {"__type":"Error","value":{"name":n,"message":m,"customFields":{...},"stack"?:s,"cause"?:c}}}
 * (docs/serializer.md §5, §9.1, §9.2).
 * <p>
 * {@link #name()} is the JavaScript error name ({@code Error}, {@code TypeError}, ...), {@link #getMessage()} the
 * message, {@link #stack()} the JavaScript stack text when one was sent, {@link #customFields()} the extra own
 * properties (never containing the blocked names of docs/serializer.md §5) and {@link #causeValue()} the {@code cause}
 * property, whose presence {@link #hasCause()} tracks separately because a cause may be {@code null}. When the cause
 * is itself a {@link Throwable} it is also the {@link #getCause()} of this exception. Instances capture no Java stack
 * trace.
 *
 * @since 0.1.0
 */
public class JsError extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String name;

	private final @Nullable String stack;

	private final Map<String, @Nullable Object> customFields;

	private final boolean hasCause;

	private final transient @Nullable Object causeValue;

	/**
	 * Creates an error without stack, custom fields or cause.
	 * @param name the JavaScript error name, for example {@code TypeError}
	 * @param message the message
	 */
	public JsError(String name, String message) {
		this(name, message, null, Collections.emptyMap(), false, null);
	}

	/**
	 * Creates an error without cause.
	 * @param name the JavaScript error name
	 * @param message the message
	 * @param stack the JavaScript stack text, or {@code null} for none
	 * @param customFields the custom fields, copied in order
	 */
	public JsError(String name, String message, @Nullable String stack,
			Map<String, ? extends @Nullable Object> customFields) {
		this(name, message, stack, customFields, false, null);
	}

	/**
	 * Creates an error.
	 * @param name the JavaScript error name
	 * @param message the message
	 * @param stack the JavaScript stack text, or {@code null} for none
	 * @param customFields the custom fields, copied in order
	 * @param hasCause whether the error has a {@code cause} property
	 * @param causeValue the cause value (any decoded value, may be {@code null}); ignored when {@code hasCause} is
	 * {@code false}
	 */
	public JsError(String name, String message, @Nullable String stack,
			Map<String, ? extends @Nullable Object> customFields, boolean hasCause, @Nullable Object causeValue) {
		super(message, (hasCause && causeValue instanceof Throwable throwable) ? throwable : null, false, false);
		this.name = name;
		this.stack = stack;
		this.customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
		this.hasCause = hasCause;
		this.causeValue = hasCause ? causeValue : null;
	}

	/**
	 * Returns the JavaScript error name.
	 * @return the name, for example {@code TypeError}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the message.
	 * @return the message, never {@code null}
	 */
	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : "";
	}

	/**
	 * Returns the JavaScript stack text.
	 * @return the stack, or {@code null} when none was sent
	 */
	public @Nullable String stack() {
		return this.stack;
	}

	/**
	 * Returns the custom fields.
	 * @return an unmodifiable, ordered map, empty when there are none
	 */
	public Map<String, @Nullable Object> customFields() {
		return this.customFields;
	}

	/**
	 * Returns whether the error has a {@code cause} property.
	 * @return {@code true} if a cause is present, even a {@code null} one
	 */
	public boolean hasCause() {
		return this.hasCause;
	}

	/**
	 * Returns the {@code cause} property.
	 * @return the cause value, {@code null} when absent or {@code null}
	 */
	public @Nullable Object causeValue() {
		return this.causeValue;
	}

	@Override
	public String toString() {
		String message = getMessage();
		return message.isEmpty() ? this.name : this.name + ": " + message;
	}

}
