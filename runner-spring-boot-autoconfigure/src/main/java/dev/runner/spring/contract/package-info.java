/**
 * The published contracts of the served tasks and events: JSON Schema of their wire JSON, TypeScript declarations of
 * their JavaScript view and their OpenAPI operations, generated once from the Java types (docs/tunnel-http.md §19).
 * Reads the registry only; no door imports it.
 */
@NullMarked
package dev.runner.spring.contract;

import org.jspecify.annotations.NullMarked;
