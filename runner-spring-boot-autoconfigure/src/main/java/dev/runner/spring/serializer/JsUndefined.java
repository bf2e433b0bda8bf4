package dev.runner.spring.serializer;

/**
 * JavaScript {@code undefined}: the value of the {@code Undefined} type record
 * {@code {"__type":"Undefined","value":null}} (docs/serializer.md §5, §9.1).
 * <p>
 * Decoding yields {@link #INSTANCE} wherever the payload holds {@code undefined} (root, property, array element, Map
 * value); {@link RunnerSerializer#convert} turns it into {@code null}. Encoding {@link #INSTANCE} (or an empty
 * {@link java.util.Optional}) writes the record.
 *
 * @since 0.1.0
 */
public final class JsUndefined {

	/** The only instance. */
	public static final JsUndefined INSTANCE = new JsUndefined();

	private JsUndefined() {
	}

	@Override
	public String toString() {
		return "undefined";
	}

}
