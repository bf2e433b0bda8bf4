package dev.runner.spring.web.multipart;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.core.RunnerRejectedException;

/**
 * Counts the parts of one request against the limits of docs/tunnel-http.md §8: counts are refused when exceeded
 * (the 11th file of 10), sizes when reached (see {@link PartContent}).
 */
final class PartCounter {

	private final MultipartLimits limits;

	private int parts;

	private int files;

	private int fields;

	PartCounter(MultipartLimits limits) {
		this.limits = limits;
	}

	/**
	 * Counts one more part.
	 * @param file whether it is a file
	 * @return the refusal when a count is exceeded, else {@code null}
	 */
	@Nullable RunnerRejectedException count(boolean file) {
		if (++this.parts > this.limits.maxParts()) {
			return MultipartRefusals.tooLarge("Parts");
		}
		if (file && ++this.files > this.limits.maxFiles()) {
			return MultipartRefusals.tooLarge("Files");
		}
		if (!file && ++this.fields > this.limits.maxFields()) {
			return MultipartRefusals.tooLarge("Fields");
		}
		return null;
	}

	/**
	 * The size limit of a part, and the refusal when it is reached.
	 */
	long sizeLimit(boolean file) {
		return file ? this.limits.maxFileSize() : this.limits.maxFieldSize();
	}

	RunnerRejectedException tooLarge(boolean file) {
		return MultipartRefusals.tooLarge(file ? "File size" : "Field");
	}

	/**
	 * Whether a manifest naming that many distinct files is within the limit.
	 */
	@Nullable RunnerRejectedException checkManifestFiles(int count) {
		return (count > this.limits.maxFiles()) ? MultipartRefusals.tooLarge("Files") : null;
	}

}
