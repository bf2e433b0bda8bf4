/**
 * The bare server of the load benchmark.
 */
@NullMarked
package dev.runner.bench.bare;

import org.jspecify.annotations.NullMarked;
