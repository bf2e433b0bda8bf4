/**
 * JMH benchmarks of the runner serializer against plain Jackson.
 */
package dev.runner.bench.jmh;
