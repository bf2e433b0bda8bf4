/**
 * Observability of runner executions: Micrometer observations of task runs and event emissions (on Reactor's
 * {@code tap}), their conventions, live counts, the request id's context-propagation accessor for the MDC, and
 * metrics of refused requests and departed clients. Sees {@code core} only.
 */
@NullMarked
package dev.runner.spring.observation;

import org.jspecify.annotations.NullMarked;
