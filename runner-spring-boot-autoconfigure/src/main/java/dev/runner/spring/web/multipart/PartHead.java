package dev.runner.spring.web.multipart;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

import dev.runner.spring.core.RunnerRejectedException;

/**
 * What the headers of one part say, classified as the Node parser does (docs/tunnel-http.md §3.3): a part is a file
 * when it has a file name or the media type {@code application/octet-stream}, a field otherwise.
 *
 * @param name the part's name ({@code __manifest}, {@code file:<id>}, ...), empty when it has none
 * @param filename the file name without any directory, {@code null} when none
 * @param contentType the media type without parameters, lower case, {@code null} when none
 * @param file whether the part is a file
 */
record PartHead(String name, @Nullable String filename, @Nullable String contentType, boolean file) {

	static final String MANIFEST = "__manifest";

	private static final String FILE_PREFIX = "file:";

	private static final String OCTET_STREAM = "application/octet-stream";

	/**
	 * Classifies a part.
	 * @param headers the part's headers
	 * @return what they say
	 * @throws RunnerRejectedException 400 {@code INVALID_MULTIPART} for a malformed {@code Content-Disposition}
	 */
	static PartHead of(HttpHeaders headers) {
		ContentDisposition disposition;
		try {
			disposition = headers.getContentDisposition();
		}
		catch (IllegalArgumentException ex) {
			throw MultipartRefusals.invalid();
		}
		String name = (disposition.getName() != null) ? disposition.getName() : "";
		String filename = disposition.getFilename();
		String contentType = mediaType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
		boolean file = (filename != null && !filename.isEmpty()) || OCTET_STREAM.equals(contentType);
		return new PartHead(name, basename(filename), contentType, file);
	}

	/**
	 * Whether this part is the manifest.
	 */
	boolean isManifest() {
		return !this.file && MANIFEST.equals(this.name);
	}

	/**
	 * Returns the file id this part carries.
	 * @return the id of a {@code file:<id>} file part, {@code null} for any other part
	 */
	@Nullable String fileId() {
		return (this.file && this.name.startsWith(FILE_PREFIX)) ? this.name.substring(FILE_PREFIX.length()) : null;
	}

	private static @Nullable String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
	}

	private static @Nullable String basename(@Nullable String filename) {
		if (filename == null || filename.isEmpty()) {
			return null;
		}
		int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
		return filename.substring(slash + 1);
	}

}
