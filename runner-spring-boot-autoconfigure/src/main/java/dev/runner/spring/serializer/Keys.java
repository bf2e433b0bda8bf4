package dev.runner.spring.serializer;

/**
 * Plain-object key rules: reserved-key escaping (docs/serializer.md §3.3), unsafe keys (§3.4) and the JavaScript
 * "array index" keys that JavaScript orders first (§3.1).
 */
final class Keys {

	static final String ESCAPE_PREFIX = "$runner.escape::";

	static final String TYPE = "__type";

	static final String GRAPH = "__graph";

	static final String VALUE = "value";

	private static final long MAX_ARRAY_INDEX = 4_294_967_294L;

	private Keys() {
	}

	/**
	 * Returns whether the key is one of {@code __proto__}, {@code constructor} and {@code prototype}.
	 */
	static boolean isUnsafe(String key) {
		int length = key.length();
		if (length == 9) {
			return key.equals("__proto__") || key.equals("prototype");
		}
		return length == 11 && key.equals("constructor");
	}

	/**
	 * Returns the key as written by the tree encoder: {@code __type}, {@code __graph} and keys starting with the
	 * escape prefix get one more prefix.
	 */
	static String escape(String key) {
		if (key.isEmpty()) {
			return key;
		}
		char first = key.charAt(0);
		if ((first == '_' && (key.equals(TYPE) || key.equals(GRAPH)))
				|| (first == '$' && key.startsWith(ESCAPE_PREFIX))) {
			return ESCAPE_PREFIX + key;
		}
		return key;
	}

	/**
	 * Returns the key as read by the tree decoder: one escape prefix is removed.
	 */
	static String unescape(String key) {
		if (!key.isEmpty() && key.charAt(0) == '$' && key.startsWith(ESCAPE_PREFIX)) {
			return key.substring(ESCAPE_PREFIX.length());
		}
		return key;
	}

	/**
	 * Returns the numeric value of a canonical array-index key ({@code "0"} to {@code "4294967294"}), or -1.
	 */
	static long arrayIndex(String key) {
		int length = key.length();
		if (length == 0 || length > 10) {
			return -1;
		}
		char first = key.charAt(0);
		if (first < '0' || first > '9' || (first == '0' && length > 1)) {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			char c = key.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return (value <= MAX_ARRAY_INDEX) ? value : -1;
	}

}
