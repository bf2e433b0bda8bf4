package dev.runner.spring.socket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the socket door's clock and its graceful shutdown (docs/socket.md §1, §4): one periodic sweep for every socket's
 * heartbeat and auth timeout (not one timer per socket), and on shutdown, before the web server's own graceful
 * shutdown, the requests in flight answered and every socket closed with 1001.
 *
 * @since 0.1.0
 */
public final class SocketLifecycle implements SmartLifecycle {

	/** Stops before Spring Boot's graceful shutdown of the web server ({@code DEFAULT_PHASE - 1024}). */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private final RunnerSocketHandler handler;

	private final Duration sweepPeriod;

	private final Duration shutdownTimeout;

	private volatile @Nullable Disposable sweeper;

	SocketLifecycle(RunnerSocketHandler handler, SocketSettings settings, Duration shutdownTimeout) {
		this.handler = handler;
		this.sweepPeriod = sweepPeriod(settings);
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * A quarter of the shortest of the auth timeout, ping interval and pong timeout, between 10 ms and 1 s.
	 */
	private static Duration sweepPeriod(SocketSettings settings) {
		long shortest = Math.min(settings.authTimeout().toMillis(),
				Math.min(settings.pingInterval().toMillis(), settings.pongTimeout().toMillis()));
		return Duration.ofMillis(Math.max(10, Math.min(1000, shortest / 4)));
	}

	@Override
	public void start() {
		long period = this.sweepPeriod.toMillis();
		this.sweeper = Schedulers.parallel()
			.schedulePeriodically(() -> this.handler.sweep(System.nanoTime()), period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stop only with a callback");
	}

	@Override
	public void stop(Runnable callback) {
		this.handler.shutDown(this.shutdownTimeout).doFinally((signal) -> {
			Disposable sweeper = this.sweeper;
			if (sweeper != null) {
				sweeper.dispose();
			}
			this.sweeper = null;
			callback.run();
		}).subscribe();
	}

	@Override
	public boolean isRunning() {
		return this.sweeper != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
