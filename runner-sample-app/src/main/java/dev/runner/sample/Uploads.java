package dev.runner.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.RunnerFile;

/**
 * Input of {@code files.upload}: the files (each a {@code createNodeFile(...)} or browser {@code File} on the
 * client) and a plain field next to them.
 *
 * @param files the files, streamed from the request
 * @param label a label stored with each file
 * @since 0.1.0
 */
public record Uploads(List<RunnerFile> files, @Nullable String label) {
}
