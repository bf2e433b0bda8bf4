/**
 * The runner serializer: the JSON value format of {@code @bluelibs/runner} 5.5.0 (tree and graph formats) and the
 * Java values it maps to.
 */
@NullMarked
package dev.runner.spring.serializer;

import org.jspecify.annotations.NullMarked;
