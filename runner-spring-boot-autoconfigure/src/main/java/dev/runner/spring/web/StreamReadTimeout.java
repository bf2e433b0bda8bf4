package dev.runner.spring.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import dev.runner.spring.core.RunnerRejectedException;

/**
 * The read timeout of a streamed request body (multipart, docs/tunnel-http.md §3.3, and octet-stream, §3.4): the body
 * fails when the client sends nothing for the timeout while its reader waits for bytes. Only the time with demand
 * outstanding counts, so a task that reads slowly (back-pressure) is never timed out; a client that stalls is. A
 * streamed body may legitimately take long in total, unlike a JSON body, which has a deadline (see
 * {@link TunnelBodyReader}).
 * <p>
 * One timer runs per timeout period at most, however many buffers arrive: each buffer only records the time.
 */
final class StreamReadTimeout {

	private final Duration timeout;

	private final Scheduler scheduler;

	StreamReadTimeout(Duration timeout) {
		this.timeout = timeout;
		this.scheduler = Schedulers.parallel();
	}

	/**
	 * Returns the request with its body under the timeout.
	 * @param request the request
	 * @param received told when the whole body has been received
	 * @return a request whose {@link ServerHttpRequest#getBody() body} fails with 408 {@code REQUEST_TIMEOUT} when
	 * idle too long
	 */
	ServerHttpRequest apply(ServerHttpRequest request, Runnable received) {
		return new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return apply(super.getBody()).doOnComplete(received);
			}

		};
	}

	/**
	 * Returns the body under the timeout.
	 * @param body the body
	 * @return the body, failing with 408 {@code REQUEST_TIMEOUT} when idle too long
	 */
	Flux<DataBuffer> apply(Flux<DataBuffer> body) {
		return new Flux<>() {

			@Override
			public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
				body.subscribe(new Watch(Operators.serialize(actual)));
			}

		};
	}

	private final class Watch implements CoreSubscriber<DataBuffer>, Subscription {

		private final CoreSubscriber<? super DataBuffer> actual;

		/** Buffers asked for and not received yet ({@link Long#MAX_VALUE}: unbounded). */
		private final AtomicLong outstanding = new AtomicLong();

		private final AtomicBoolean timerScheduled = new AtomicBoolean();

		private final AtomicBoolean done = new AtomicBoolean();

		/** When the client last made progress, or the reader started waiting ({@link System#nanoTime()}). */
		private volatile long progress;

		private volatile Subscription upstream = Operators.emptySubscription();

		Watch(CoreSubscriber<? super DataBuffer> actual) {
			this.actual = actual;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(null, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void request(long n) {
			if (!Operators.validate(n)) {
				return;
			}
			long before = this.outstanding.getAndUpdate((current) -> Operators.addCap(current, n));
			if (before == 0) {
				this.progress = System.nanoTime();
			}
			schedule(StreamReadTimeout.this.timeout.toNanos());
			this.upstream.request(n);
		}

		@Override
		public void onNext(DataBuffer buffer) {
			if (this.done.get()) {
				DataBufferUtils.release(buffer);
				return;
			}
			this.progress = System.nanoTime();
			this.outstanding.updateAndGet((current) -> (current == Long.MAX_VALUE || current == 0) ? current
					: current - 1);
			this.actual.onNext(buffer);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.done.compareAndSet(false, true)) {
				this.actual.onError(failure);
			}
			else {
				Operators.onErrorDropped(failure, currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (this.done.compareAndSet(false, true)) {
				this.actual.onComplete();
			}
		}

		@Override
		public void cancel() {
			this.done.set(true);
			this.upstream.cancel();
		}

		private void schedule(long delayNanos) {
			if (!this.done.get() && this.timerScheduled.compareAndSet(false, true)) {
				StreamReadTimeout.this.scheduler.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
			}
		}

		private void check() {
			this.timerScheduled.set(false);
			if (this.done.get() || this.outstanding.get() == 0) {
				return; // the next request schedules the timer again
			}
			long idle = System.nanoTime() - this.progress;
			long left = StreamReadTimeout.this.timeout.toNanos() - idle;
			if (left > 0) {
				schedule(left);
				return;
			}
			if (this.done.compareAndSet(false, true)) {
				this.upstream.cancel();
				this.actual.onError(RunnerRejectedException.readTimeout());
			}
		}

	}

}
