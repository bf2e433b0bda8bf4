package dev.runner.spring.web;

import org.jspecify.annotations.Nullable;

/**
 * How a task request's body is read, chosen by its {@code Content-Type} (docs/tunnel-http.md §3.1).
 */
enum TunnelMode {

	/** The body is the runner serializer's JSON (§3.2): anything that is neither of the others. */
	JSON,

	/** The body is a manifest and file parts (§3.3): the content type contains {@code multipart/form-data}. */
	MULTIPART,

	/** The body is the handler's to read (§3.4): {@code application/octet-stream}, parameters allowed. */
	OCTET_STREAM;

	private static final String MULTIPART_TYPE = "multipart/form-data";

	private static final String OCTET_STREAM_TYPE = "application/octet-stream";

	/**
	 * Returns the mode of a request.
	 * @param contentType the first {@code Content-Type} header value, {@code null} when missing
	 * @return the mode
	 */
	static TunnelMode of(@Nullable String contentType) {
		if (contentType == null) {
			return JSON;
		}
		if (containsIgnoreCase(contentType, MULTIPART_TYPE)) {
			return MULTIPART;
		}
		if (contentType.regionMatches(true, 0, OCTET_STREAM_TYPE, 0, OCTET_STREAM_TYPE.length())
				&& (contentType.length() == OCTET_STREAM_TYPE.length()
						|| contentType.charAt(OCTET_STREAM_TYPE.length()) == ';')) {
			return OCTET_STREAM;
		}
		return JSON;
	}

	private static boolean containsIgnoreCase(String text, String part) {
		for (int i = 0; i + part.length() <= text.length(); i++) {
			if (text.regionMatches(true, i, part, 0, part.length())) {
				return true;
			}
		}
		return false;
	}

}
