/**
 * Benchmarks of the runner starter: the servers of the load benchmark and their shared data.
 */
@NullMarked
package dev.runner.bench;

import org.jspecify.annotations.NullMarked;
