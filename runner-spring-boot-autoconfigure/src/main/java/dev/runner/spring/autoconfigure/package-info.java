/**
 * Auto-configuration of the runner starter and its {@code runner.*} properties.
 */
@NullMarked
package dev.runner.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
