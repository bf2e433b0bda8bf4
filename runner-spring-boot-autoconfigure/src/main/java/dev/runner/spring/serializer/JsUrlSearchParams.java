package dev.runner.spring.serializer;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A JavaScript {@code URLSearchParams}: an ordered list of name/value pairs, duplicates kept, the payload of the
 * {@code URLSearchParams} type record {@code {"__type":"URLSearchParams","value":"a=1&b=x+y"}} (docs/serializer.md §5,
 * §9.1, §9.2).
 * <p>
 * {@link #parse(String)} applies the {@code application/x-www-form-urlencoded} parsing rules (a leading {@code ?}
 * is dropped, {@code +} is a space, malformed percent escapes are kept literally, invalid UTF-8 becomes U+FFFD);
 * {@link #toString()} form-encodes (space as {@code +}, alphanumerics and {@code *-._} kept, everything else as
 * uppercase {@code %XX} UTF-8, unpaired surrogates as U+FFFD).
 *
 * @since 0.1.0
 */
public final class JsUrlSearchParams implements Iterable<JsUrlSearchParams.Entry> {

	private final List<Entry> entries;

	/**
	 * Creates an instance holding the given pairs.
	 * @param entries the pairs, in order
	 */
	public JsUrlSearchParams(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * Creates an instance from alternating names and values.
	 * @param namesAndValues name, value, name, value, ...
	 * @return the instance
	 * @throws IllegalArgumentException if an odd number of strings is given
	 */
	public static JsUrlSearchParams of(String... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("Names and values must come in pairs");
		}
		List<Entry> entries = new ArrayList<>(namesAndValues.length / 2);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			entries.add(new Entry(namesAndValues[i], namesAndValues[i + 1]));
		}
		return new JsUrlSearchParams(entries);
	}

	/**
	 * Parses a form-encoded string such as {@code a=1&b=x+y}.
	 * @param query the string, with or without a leading {@code ?}
	 * @return the pairs; never fails
	 */
	public static JsUrlSearchParams parse(String query) {
		String text = query.startsWith("?") ? query.substring(1) : query;
		List<Entry> entries = new ArrayList<>();
		int start = 0;
		while (start <= text.length()) {
			int end = text.indexOf('&', start);
			if (end < 0) {
				end = text.length();
			}
			if (end > start) {
				String sequence = text.substring(start, end);
				int equals = sequence.indexOf('=');
				String name = (equals < 0) ? sequence : sequence.substring(0, equals);
				String value = (equals < 0) ? "" : sequence.substring(equals + 1);
				entries.add(new Entry(decode(name), decode(value)));
			}
			start = end + 1;
		}
		return new JsUrlSearchParams(entries);
	}

	private static String decode(String text) {
		if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
			return text;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '+') {
				out.write(' ');
			}
			else if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
				out.write((hex(bytes[i + 1]) << 4) | hex(bytes[i + 2]));
				i += 2;
			}
			else {
				out.write(b);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static int hex(byte b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		if (b >= 'a' && b <= 'f') {
			return b - 'a' + 10;
		}
		if (b >= 'A' && b <= 'F') {
			return b - 'A' + 10;
		}
		return -1;
	}

	/**
	 * Returns the pairs.
	 * @return an unmodifiable list, in order
	 */
	public List<Entry> entries() {
		return this.entries;
	}

	/**
	 * Returns the value of the first pair with the given name.
	 * @param name the name
	 * @return the value, or {@code null} if there is no such pair
	 */
	public @Nullable String get(String name) {
		for (Entry entry : this.entries) {
			if (entry.name().equals(name)) {
				return entry.value();
			}
		}
		return null;
	}

	/**
	 * Returns the values of all pairs with the given name.
	 * @param name the name
	 * @return the values, in order, empty if there is none
	 */
	public List<String> getAll(String name) {
		List<String> values = new ArrayList<>();
		for (Entry entry : this.entries) {
			if (entry.name().equals(name)) {
				values.add(entry.value());
			}
		}
		return values;
	}

	@Override
	public Iterator<Entry> iterator() {
		return this.entries.iterator();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof JsUrlSearchParams params && this.entries.equals(params.entries));
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	/**
	 * Returns the form-encoded string, for example {@code a=1&b=x+y}.
	 * @return the encoded pairs, {@code ""} when there are none
	 */
	@Override
	public String toString() {
		StringBuilder builder = new StringBuilder();
		for (Entry entry : this.entries) {
			if (!builder.isEmpty()) {
				builder.append('&');
			}
			builder.append(encode(entry.name())).append('=').append(encode(entry.value()));
		}
		return builder.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(wellFormed(text), StandardCharsets.UTF_8);
	}

	/** Replaces unpaired surrogates with U+FFFD, as the URL standard does. */
	private static String wellFormed(String text) {
		StringBuilder builder = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (paired) {
				if (builder != null) {
					builder.append(c).append(text.charAt(i + 1));
				}
				i++;
			}
			else if (Character.isSurrogate(c)) {
				if (builder == null) {
					builder = new StringBuilder(text.length()).append(text, 0, i);
				}
				builder.append('\uFFFD');
			}
			else if (builder != null) {
				builder.append(c);
			}
		}
		return (builder != null) ? builder.toString() : text;
	}

	/**
	 * One name/value pair.
	 *
	 * @param name the decoded name
	 * @param value the decoded value
	 */
	public record Entry(String name, String value) {

	}

}
