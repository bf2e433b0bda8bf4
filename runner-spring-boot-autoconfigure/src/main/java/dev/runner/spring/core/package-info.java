/**
 * Discovery, registry and invocation of runner task and event handlers, independent of HTTP.
 */
@NullMarked
package dev.runner.spring.core;

import org.jspecify.annotations.NullMarked;
