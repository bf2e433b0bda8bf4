/**
 * Observability of runner executions: Micrometer observations of task runs and event emissions, their conventions,
 * live counts, the request id in the log context, and metrics of requests the tunnel refuses.
 */
@NullMarked
package dev.runner.spring.observation;

import org.jspecify.annotations.NullMarked;
