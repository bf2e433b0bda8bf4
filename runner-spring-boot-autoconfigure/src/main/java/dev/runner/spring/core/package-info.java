/**
 * The transport-neutral pipeline of a call: discovery and registry of task and event handlers, binding, guards,
 * timeouts and limits, execution and event emission, and what every door shares: authentication, the allow-list,
 * request ids and the failure model ({@link dev.runner.spring.core.RunnerRejectedException},
 * {@link dev.runner.spring.core.RunnerError}).
 */
@NullMarked
package dev.runner.spring.core;

import org.jspecify.annotations.NullMarked;
