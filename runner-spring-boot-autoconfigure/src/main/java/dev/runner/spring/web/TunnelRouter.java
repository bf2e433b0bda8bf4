package dev.runner.spring.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Resolves a raw request path to a {@link TunnelRoute} exactly as the runner's Node router does (docs/tunnel-http.md
 * §2.1-§2.2): dot segments are resolved first (WHATWG rules, so {@code %2e} counts as a dot), then the path must be
 * the base path or lie under it, empty segments are dropped, and the id segments are joined with {@code /} and
 * percent-decoded once as strict UTF-8, with {@code +} left as is. A malformed escape is a routing miss.
 *
 * @since 0.1.0
 */
public final class TunnelRouter {

	private final String basePath;

	/**
	 * Creates a router.
	 * @param basePath the base path, normalized (docs/tunnel-http.md §2.1: {@code /} or a path starting with
	 * {@code /} and not ending with one, as {@code runner.base-path} gives it)
	 * @throws IllegalArgumentException if the base path is not normalized
	 */
	public TunnelRouter(String basePath) {
		Assert.isTrue(basePath.startsWith("/") && (basePath.length() == 1 || !basePath.endsWith("/")),
				() -> "'basePath' must start with '/' and not end with one, was '" + basePath + "'");
		this.basePath = basePath;
	}

	/**
	 * Returns the normalized base path.
	 * @return the base path
	 */
	public String basePath() {
		return this.basePath;
	}

	/**
	 * Resolves a path.
	 * @param rawPath the request path as received, not percent-decoded, without the query
	 * @return the route, or {@code null} when the path is not under the base path
	 */
	public @Nullable TunnelRoute route(String rawPath) {
		String remainder = remainder(rawPath);
		if (remainder == null) {
			return null;
		}
		List<String> segments = segments(remainder);
		if (segments.isEmpty()) {
			return TunnelRoute.NOT_FOUND;
		}
		String kind = segments.get(0);
		if (kind.equals("discovery")) {
			return TunnelRoute.DISCOVERY;
		}
		if (segments.size() == 1 && kind.equals("schema")) {
			return TunnelRoute.SCHEMA;
		}
		if (segments.size() == 1 && kind.equals("types.d.ts")) {
			return TunnelRoute.TYPE_DECLARATIONS;
		}
		boolean task = kind.equals("task");
		if ((!task && !kind.equals("event")) || segments.size() < 2) {
			return TunnelRoute.NOT_FOUND;
		}
		String id = decode(String.join("/", segments.subList(1, segments.size())));
		if (id == null) {
			return TunnelRoute.NOT_FOUND;
		}
		return new TunnelRoute(task ? TunnelRoute.Kind.TASK : TunnelRoute.Kind.EVENT, id);
	}

	/**
	 * Whether a path lies under the base path, dot segments resolved: whether {@link #route} resolves it.
	 * @param rawPath the request path as received, not percent-decoded, without the query
	 * @return {@code true} when {@link #route} returns a route for it
	 */
	public boolean serves(String rawPath) {
		return remainder(rawPath) != null;
	}

	/**
	 * The part of the path after the base path, dot segments resolved; {@code null} when it is not under it.
	 */
	private @Nullable String remainder(String rawPath) {
		String path = needsDotResolution(rawPath) ? resolveDotSegments(rawPath) : rawPath;
		if (this.basePath.equals("/")) {
			return path;
		}
		if (path.startsWith(this.basePath)
				&& (path.length() == this.basePath.length() || path.charAt(this.basePath.length()) == '/')) {
			return path.substring(this.basePath.length());
		}
		return null;
	}

	private static List<String> segments(String path) {
		List<String> segments = new ArrayList<>(4);
		int start = 0;
		for (int i = 0; i <= path.length(); i++) {
			if (i == path.length() || path.charAt(i) == '/') {
				if (i > start) {
					segments.add(path.substring(start, i));
				}
				start = i + 1;
			}
		}
		return segments;
	}

	private static boolean needsDotResolution(String path) {
		return path.contains("/.") || path.contains("/%2") || path.contains("\\");
	}

	private static String resolveDotSegments(String rawPath) {
		String[] parts = rawPath.replace('\\', '/').split("/", -1);
		List<String> output = new ArrayList<>(parts.length);
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i];
			boolean last = (i == parts.length - 1);
			if (isDoubleDot(part)) {
				if (!output.isEmpty()) {
					output.remove(output.size() - 1);
				}
				if (last) {
					output.add("");
				}
			}
			else if (isSingleDot(part)) {
				if (last) {
					output.add("");
				}
			}
			else {
				output.add(part);
			}
		}
		return "/" + String.join("/", output);
	}

	private static boolean isSingleDot(String segment) {
		return segment.equals(".") || segment.equalsIgnoreCase("%2e");
	}

	private static boolean isDoubleDot(String segment) {
		return switch (segment.toLowerCase(java.util.Locale.ROOT)) {
			case "..", ".%2e", "%2e.", "%2e%2e" -> true;
			default -> false;
		};
	}

	/**
	 * Percent-decodes with {@code decodeURIComponent} semantics.
	 * @param encoded the encoded text
	 * @return the decoded text, or {@code null} for a malformed escape or invalid UTF-8
	 */
	static @Nullable String decode(String encoded) {
		if (encoded.indexOf('%') < 0) {
			return encoded;
		}
		byte[] source = encoded.getBytes(StandardCharsets.UTF_8);
		ByteBuffer bytes = ByteBuffer.allocate(source.length);
		for (int i = 0; i < source.length; i++) {
			byte b = source[i];
			if (b == '%') {
				if (i + 2 >= source.length) {
					return null;
				}
				int high = Character.digit(source[i + 1], 16);
				int low = Character.digit(source[i + 2], 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.put((byte) ((high << 4) | low));
				i += 2;
			}
			else {
				bytes.put(b);
			}
		}
		bytes.flip();
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
