/**
 * Spring Security's fit for the doors: the tunnel's own security filter chain for its paths and a firewall that lets
 * the protocol's encoded ids through there while the application's other paths keep Spring Security's checks.
 */
@NullMarked
package dev.runner.spring.security;

import org.jspecify.annotations.NullMarked;
