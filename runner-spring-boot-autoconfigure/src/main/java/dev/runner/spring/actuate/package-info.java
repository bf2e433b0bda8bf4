/**
 * Actuator support: the {@code runner} endpoint listing tasks and events with their live counts, and the runner
 * health indicator.
 */
@NullMarked
package dev.runner.spring.actuate;

import org.jspecify.annotations.NullMarked;
