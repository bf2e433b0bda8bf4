package dev.runner.spring.web;

import java.nio.charset.StandardCharsets;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Makes the request target of tunnel requests acceptable to {@code java.net.URI} before Spring parses it, so that
 * targets the runner's WHATWG-based router accepts reach the tunnel instead of a bare 400 from the server adapter
 * (docs/tunnel-http.md §2.2, §16): characters a URI path may not hold (space, {@code |}, {@code "}, non-ASCII...) are
 * percent-encoded, a backslash becomes a slash, a fragment is dropped (clients never send one; the WHATWG parser drops
 * it), an unparseable query is dropped (the protocol ignores queries), and a
 * path with a malformed percent escape is replaced by the base path, which the tunnel answers with 404
 * {@code NOT_FOUND} as the Node router does. Other paths are left alone.
 *
 * @since 0.1.0
 */
@ChannelHandler.Sharable
public final class TunnelUriGuard extends ChannelInboundHandlerAdapter {

	private final String basePath;

	/**
	 * Creates the guard.
	 * @param basePath the normalized base path of the tunnel
	 */
	public TunnelUriGuard(String basePath) {
		this.basePath = basePath;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			String uri = request.uri();
			String safe = safeUri(uri);
			if (!safe.equals(uri)) {
				request.setUri(safe);
			}
		}
		ctx.fireChannelRead(msg);
	}

	/**
	 * Returns the target to hand to the server adapter.
	 * @param uri the request target as received
	 * @return the same string when nothing needs changing
	 */
	String safeUri(String uri) {
		if (!uri.startsWith(this.basePath) || (isSafe(uri))) {
			return uri;
		}
		int fragment = uri.indexOf('#');
		if (fragment >= 0) {
			return safeUri(uri.substring(0, fragment));
		}
		int query = uri.indexOf('?');
		String path = (query >= 0) ? uri.substring(0, query) : uri;
		StringBuilder out = new StringBuilder(path.length() + 16);
		byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			if (b == '%') {
				if (i + 2 >= bytes.length || Character.digit(bytes[i + 1], 16) < 0
						|| Character.digit(bytes[i + 2], 16) < 0) {
					return this.basePath;
				}
				out.append('%');
			}
			else if (b == '\\') {
				out.append('/');
			}
			else if (isPathChar(b)) {
				out.append((char) b);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
			}
		}
		if (query >= 0) {
			String rest = uri.substring(query);
			if (isSafe(rest)) {
				out.append(rest);
			}
		}
		return out.toString();
	}

	private static boolean isSafe(String uri) {
		for (int i = 0; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == '%') {
				if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
						|| Character.digit(uri.charAt(i + 2), 16) < 0) {
					return false;
				}
			}
			else if (c != '?' && !isPathChar(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a character may stand unencoded in a URI path (RFC 3986 pchar and {@code /}).
	 */
	private static boolean isPathChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
	}

}
