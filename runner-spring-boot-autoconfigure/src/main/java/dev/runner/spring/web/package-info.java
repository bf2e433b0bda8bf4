/**
 * The HTTP tunnel of the runner protocol on Spring WebFlux: routing, authentication, exposure, CORS, envelopes.
 */
@NullMarked
package dev.runner.spring.web;

import org.jspecify.annotations.NullMarked;
