/**
 * The runner serializer (docs/serializer.md): the JSON value format of {@code @bluelibs/runner} 5.5.0 (tree and graph
 * formats), the Java values it maps to, and the JavaScript value rules ({@link dev.runner.spring.serializer.JsValues}).
 */
@NullMarked
package dev.runner.spring.serializer;

import org.jspecify.annotations.NullMarked;
