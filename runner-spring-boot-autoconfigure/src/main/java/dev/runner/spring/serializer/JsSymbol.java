package dev.runner.spring.serializer;

/**
 * A JavaScript global ({@code Symbol.for(key)}) or well-known ({@code Symbol.iterator}) symbol, the payload of the
 * {@code Symbol} type record {@code {"__type":"Symbol","value":{"kind":"For"|"WellKnown","key":key}}}
 * (docs/serializer.md §5, §9.1).
 * <p>
 * Decoding accepts for {@link Kind#WELL_KNOWN} only the keys listed in docs/serializer.md §5 ({@code asyncIterator},
 * {@code iterator}, ...); creating an instance directly performs no check. Unique symbols cannot be transported.
 *
 * @param kind the symbol kind
 * @param key the registry key ({@link Kind#FOR}) or the well-known name without {@code Symbol.} prefix
 * @since 0.1.0
 */
public record JsSymbol(Kind kind, String key) {

	/**
	 * Symbol kinds.
	 */
	public enum Kind {

		/** A global symbol from {@code Symbol.for(key)}, wire name {@code For}. */
		FOR("For"),

		/** A well-known symbol such as {@code Symbol.iterator}, wire name {@code WellKnown}. */
		WELL_KNOWN("WellKnown");

		private final String wireName;

		Kind(String wireName) {
			this.wireName = wireName;
		}

		/**
		 * Returns the wire name of this kind.
		 * @return {@code For} or {@code WellKnown}
		 */
		public String wireName() {
			return this.wireName;
		}

	}

}
