/**
 * The starter server of the load benchmark.
 */
@NullMarked
package dev.runner.bench.starter;

import org.jspecify.annotations.NullMarked;
