package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.RunnerContext;

/**
 * Produces one argument of a handler call, resolved once per parameter at start-up.
 */
@FunctionalInterface
interface ArgumentBinder {

	@Nullable Object bind(@Nullable Object input, RunnerContext context);

}
