package dev.runner.spring.autoconfigure;

import org.springframework.context.SmartLifecycle;

import dev.runner.spring.core.RunnerEventEmitter;

/**
 * Lets the application context's shutdown wait for the fire-and-forget listeners still running ({@code async = true}
 * on {@code @RunnerEvent}), which no request waits for. Stops after the web server's graceful shutdown, which lets
 * in-flight requests finish (and so start their fire-and-forget listeners) first, and before the web server and the
 * beans are stopped, so the listeners still find what they use. Bounded like every phase by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
final class RunnerDetachedListenersLifecycle implements SmartLifecycle {

	/** Between Boot's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the web server's stop ({@code - 2048}). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final RunnerEventEmitter emitter;

	private volatile boolean running;

	RunnerDetachedListenersLifecycle(RunnerEventEmitter emitter) {
		this.emitter = emitter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.emitter.whenDetachedListenersDone(callback);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
