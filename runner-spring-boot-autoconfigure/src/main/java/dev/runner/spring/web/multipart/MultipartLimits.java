package dev.runner.spring.web.multipart;

import org.springframework.util.Assert;

/**
 * Limits of a multipart task request (docs/tunnel-http.md §8). Sizes are refused when reached, as by the Node exposure: a
 * file of exactly {@code maxFileSize} bytes is refused; counts are refused when exceeded.
 *
 * @param maxFileSize the size at which a file part is refused, at least 1
 * @param maxFiles the largest number of file parts, and of distinct files the manifest refers to
 * @param maxFields the largest number of field parts, the manifest included
 * @param maxFieldSize the size at which a field part is refused, at least 1
 * @param maxParts the largest number of parts, {@link Integer#MAX_VALUE} for no limit
 * @since 0.1.0
 */
public record MultipartLimits(long maxFileSize, int maxFiles, int maxFields, int maxFieldSize, int maxParts) {

	/** The protocol's defaults: 20 MiB per file, 10 files, 100 fields, 1 MiB per field, no part limit. */
	public static final MultipartLimits DEFAULTS = new MultipartLimits(20 * 1024 * 1024, 10, 100, 1024 * 1024,
			Integer.MAX_VALUE);

	public MultipartLimits {
		Assert.isTrue(maxFileSize >= 1, "'maxFileSize' must be at least 1 byte");
		Assert.isTrue(maxFieldSize >= 1, "'maxFieldSize' must be at least 1 byte");
		Assert.isTrue(maxFiles >= 0 && maxFields >= 0 && maxParts >= 0, "Multipart counts must not be negative");
	}

}
