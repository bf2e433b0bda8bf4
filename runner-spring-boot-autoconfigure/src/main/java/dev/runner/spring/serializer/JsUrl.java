package dev.runner.spring.serializer;

/**
 * A JavaScript {@code URL} whose {@code href} {@link java.net.URI} rejects (docs/serializer.md §9.1): WHATWG URLs may
 * hold characters such as {@code |} or {@code ^} that RFC 3986 forbids.
 * <p>
 * Decoding a {@code URL} type record yields a {@link java.net.URI} when possible and a {@code JsUrl} otherwise;
 * encoding either writes {@code {"__type":"URL","value":href}}.
 *
 * @param href the URL text, as sent
 * @since 0.1.0
 */
public record JsUrl(String href) {

	@Override
	public String toString() {
		return this.href;
	}

}
