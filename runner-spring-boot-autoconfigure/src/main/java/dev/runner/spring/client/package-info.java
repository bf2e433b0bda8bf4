/**
 * The Java client of the runner tunnel, the far end of the HTTP door: {@link dev.runner.spring.client.RunnerClient}
 * calls the tasks and events of any runner server (this starter or the Node exposure of {@code @bluelibs/runner}) on
 * the same wire as the official clients (docs/tunnel-http.md §14), and interfaces annotated
 * {@link dev.runner.spring.client.RunnerServiceClient} become beans that call it.
 */
@NullMarked
package dev.runner.spring.client;

import org.jspecify.annotations.NullMarked;
