package dev.runner.spring.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.runner.spring.RunnerDelayedRun;

/**
 * A delayed run: Reactor's timer ({@code Mono.delay}) then the run, its outcome kept in a one-value sink.
 */
final class DelayedRun implements RunnerDelayedRun {

	private static final int PENDING = 0;

	private static final int STARTED = 1;

	private static final int CANCELLED = 2;

	private final String taskId;

	private final Instant dueAt;

	private final AtomicInteger state = new AtomicInteger(PENDING);

	private final Sinks.One<Object> outcome = Sinks.one();

	private final Duration delay;

	private final Disposable.Swap timer = Disposables.swap();

	DelayedRun(String taskId, Duration delay) {
		this.taskId = taskId;
		this.delay = delay;
		this.dueAt = Instant.now().plus(delay);
	}

	/**
	 * Starts the timer; {@code onEnd} is told once the run is over, failed or cancelled.
	 */
	void start(Mono<Object> run, Consumer<DelayedRun> onEnd) {
		this.timer.update(Mono.delay(this.delay)
			.filter((tick) -> this.state.compareAndSet(PENDING, STARTED))
			.flatMap((tick) -> run)
			.doFinally((signal) -> onEnd.accept(this))
			.subscribe(this.outcome::tryEmitValue, this.outcome::tryEmitError, this.outcome::tryEmitEmpty));
	}

	@Override
	public String taskId() {
		return this.taskId;
	}

	@Override
	public Instant dueAt() {
		return this.dueAt;
	}

	@Override
	public boolean cancel() {
		return cancel("Delayed run of task " + this.taskId + " was cancelled");
	}

	boolean cancel(String reason) {
		if (!this.state.compareAndSet(PENDING, CANCELLED)) {
			return false;
		}
		this.timer.dispose();
		this.outcome.tryEmitError(new CancellationException(reason));
		return true;
	}

	@Override
	public Mono<Object> result() {
		return this.outcome.asMono();
	}

}
