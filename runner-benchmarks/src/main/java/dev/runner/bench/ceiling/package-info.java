/**
 * The benchmark's ceiling: the least a Reactor Netty server can do to give the same answers.
 */
package dev.runner.bench.ceiling;
