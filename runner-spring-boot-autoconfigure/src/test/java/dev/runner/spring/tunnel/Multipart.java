package dev.runner.spring.tunnel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds multipart/form-data bodies byte for byte, parts in the order added.
 */
final class Multipart {

	static final String BOUNDARY = "XyZ";

	static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	/** A field part: {@code Content-Disposition: form-data; name="…"}, no content type. */
	Multipart field(String name, String value) {
		return part("form-data; name=\"" + name + "\"", null, value.getBytes(StandardCharsets.UTF_8));
	}

	/** The {@code __manifest} field. */
	Multipart manifest(String json) {
		return field("__manifest", json);
	}

	/** A part with a file name and, unless {@code null}, a content type. */
	Multipart file(String name, String filename, String contentType, byte[] bytes) {
		return part("form-data; name=\"" + name + "\"; filename=\"" + filename + "\"", contentType, bytes);
	}

	Multipart file(String name, String filename, String contentType, String text) {
		return file(name, filename, contentType, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Any part: its content disposition and (unless {@code null}) content type. */
	Multipart part(String disposition, String contentType, byte[] bytes) {
		StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n");
		head.append("Content-Disposition: ").append(disposition).append("\r\n");
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		head.append("\r\n");
		write(head.toString());
		this.body.writeBytes(bytes);
		write("\r\n");
		return this;
	}

	/** The body with its closing boundary. */
	byte[] build() {
		write("--" + BOUNDARY + "--\r\n");
		return this.body.toByteArray();
	}

	/** The body so far, without a closing boundary. */
	byte[] unterminated() {
		return this.body.toByteArray();
	}

	private void write(String text) {
		this.body.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** A sentinel with an id and {@code meta} JSON (or none when {@code null}). */
	static String sentinel(String id, String meta) {
		return "{\"$runnerFile\":\"File\",\"id\":\"" + id + "\"" + ((meta != null) ? ",\"meta\":" + meta : "") + "}";
	}

}
