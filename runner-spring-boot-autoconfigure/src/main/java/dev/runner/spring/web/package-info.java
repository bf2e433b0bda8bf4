/**
 * The HTTP tunnel door of the runner protocol on Spring WebFlux (docs/tunnel-http.md): routing, admission, CORS, body
 * modes, envelopes and streams.
 */
@NullMarked
package dev.runner.spring.web;

import org.jspecify.annotations.NullMarked;
