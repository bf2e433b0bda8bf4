package dev.runner.spring.core;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.ContextView;

/**
 * Restores on the current thread the thread-local values that Micrometer's context propagation knows from the
 * Reactor context of a call: its request id in the MDC, its observation in scope. Reactor does it on every thread
 * with automatic context propagation; the pipeline does it where it must hold in any mode (the handler method call,
 * the failure log line).
 */
final class CallThreadLocals {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private CallThreadLocals() {
	}

	/**
	 * Sets the thread-local values of a call's context.
	 * @param reactorContext the Reactor context of the call
	 * @return what to close to restore the thread's previous values
	 */
	static ContextSnapshot.Scope restore(ContextView reactorContext) {
		return SNAPSHOTS.setThreadLocalsFrom(reactorContext);
	}

}
