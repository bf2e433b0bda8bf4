package dev.runner.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A file uploaded with {@code files.upload} and kept on disk.
 *
 * @param id the id to download it with
 * @param name the file name the caller gave
 * @param type the media type the caller gave
 * @param size the number of bytes stored
 * @param label the label of the upload, if any
 * @param storedAt when it was stored
 * @since 0.1.0
 */
public record StoredFile(String id, String name, String type, long size, @Nullable String label, Instant storedAt) {
}
