/**
 * The load benchmark: starts the servers, drives {@code wrk}, reports, profiles.
 */

package dev.runner.bench.load;

