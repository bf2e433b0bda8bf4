/**
 * A small notes service whose tasks and events are served over the runner HTTP tunnel.
 */
@NullMarked
package dev.runner.sample;

import org.jspecify.annotations.NullMarked;
