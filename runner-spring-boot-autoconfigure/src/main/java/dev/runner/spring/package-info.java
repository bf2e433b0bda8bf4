/**
 * Public API of the runner starter: the {@code @RunnerTask} and {@code @RunnerEvent} annotations and the types
 * a handler sees.
 */
@NullMarked
package dev.runner.spring;

import org.jspecify.annotations.NullMarked;
