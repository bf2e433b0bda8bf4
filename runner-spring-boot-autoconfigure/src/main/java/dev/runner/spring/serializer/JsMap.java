package dev.runner.spring.serializer;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JavaScript {@code Map}: an insertion-ordered map whose keys may be any decoded value (docs/serializer.md §5, §9.1).
 * <p>
 * Decoding a {@code Map} type record yields a {@code JsMap}; encoding one always writes a {@code Map} type record
 * {@code {"__type":"Map","value":[[key,value],...]}}, even when every key is a string. Keys are compared with
 * {@code equals}, not by identity as in JavaScript, so two equal object keys collapse into one entry.
 *
 * @since 0.1.0
 */
public final class JsMap extends LinkedHashMap<Object, Object> {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an empty map.
	 */
	public JsMap() {
	}

	/**
	 * Creates a map holding the entries of the given map, in its iteration order.
	 * @param entries the entries to copy
	 */
	public JsMap(Map<?, ?> entries) {
		super(entries);
	}

}
