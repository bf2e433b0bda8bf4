package dev.runner.spring.web.multipart;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.PartEvent;
import dev.runner.spring.core.RunnerRejectedException;

/**
 * The bytes of the part being received, for one subscriber. Demand drives the request: the next event of the part is
 * asked for only when the subscriber wants a buffer, and the part stays the current one (holding the rest of the body
 * back) until its last event was delivered. A part may be subscribed after its first event arrived, from any thread;
 * a cancelled or discarded part is read to its end and its buffers released, so the body moves on. The size limit is
 * checked as buffers arrive.
 */
final class PartContent extends Flux<DataBuffer> implements Subscription {

	private final MultipartCall call;

	private final long limit;

	private final RunnerRejectedException tooLarge;

	private final AtomicInteger wip = new AtomicInteger();

	private final AtomicLong demand = new AtomicLong();

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private volatile @Nullable CoreSubscriber<? super DataBuffer> actual;

	private volatile @Nullable PartEvent pending;

	/**
	 * Whether an event was asked for and not taken yet; true at first, the part's first event is on its way. Written
	 * by the drain loop only: an event is taken when the loop sees it pending.
	 */
	private boolean awaitingEvent = true;

	private volatile boolean discarding;

	private volatile @Nullable Throwable error;

	/** Written by the drain loop only. */
	private boolean terminated;

	/** Written by {@link #offer} only, on the thread of the part events. */
	private long size;

	/**
	 * Creates the content of a part.
	 * @param call the call, asked for the next event and told when the part ended or exceeded its limit
	 * @param limit the size at which the part is refused
	 * @param tooLarge the failure when it is
	 */
	PartContent(MultipartCall call, long limit, RunnerRejectedException tooLarge) {
		this.call = call;
		this.limit = limit;
		this.tooLarge = tooLarge;
	}

	@Override
	public void subscribe(CoreSubscriber<? super DataBuffer> subscriber) {
		if (!this.subscribed.compareAndSet(false, true)) {
			Operators.error(subscriber, new IllegalStateException("The content of a part can be read once"));
			return;
		}
		this.actual = subscriber;
		subscriber.onSubscribe(this);
		drain();
	}

	/**
	 * Takes the next event of this part, asked for before.
	 */
	void offer(PartEvent event) {
		DataBuffer content = event.content();
		this.size += content.readableByteCount();
		if (this.size >= this.limit) {
			DataBufferUtils.release(content);
			this.call.fail(this.tooLarge);
			return;
		}
		this.pending = event;
		drain();
	}

	/**
	 * Reads the part to its end without a subscriber, releasing its buffers.
	 */
	void discard() {
		this.discarding = true;
		drain();
	}

	/**
	 * Ends the part with an error: the subscriber, if any, gets it; a pending buffer is released.
	 */
	void fail(Throwable failure) {
		if (this.error == null) {
			this.error = failure;
		}
		drain();
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			this.demand.getAndAccumulate(n, (current, more) -> (current + more < 0) ? Long.MAX_VALUE : current + more);
			drain();
		}
	}

	@Override
	public void cancel() {
		discard();
	}

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			if (!this.terminated) {
				step();
			}
			else {
				releasePending();
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	/**
	 * Makes all the progress possible now: delivers the pending event when it is wanted, else asks for the next one
	 * when a buffer is wanted. An event asked for may arrive before the call returns, and is then handled by the next
	 * round of the drain loop.
	 */
	private void step() {
		Throwable failure = this.error;
		if (failure != null) {
			this.terminated = true;
			releasePending();
			CoreSubscriber<? super DataBuffer> subscriber = this.actual;
			if (subscriber != null && !this.discarding) {
				subscriber.onError(failure);
			}
			return;
		}
		PartEvent event = this.pending;
		CoreSubscriber<? super DataBuffer> subscriber = this.actual;
		boolean wanted = this.discarding || (subscriber != null && this.demand.get() > 0);
		if (event == null) {
			if (wanted && !this.awaitingEvent) {
				this.awaitingEvent = true;
				this.call.requestNext();
			}
			return;
		}
		this.awaitingEvent = false;
		DataBuffer content = event.content();
		boolean empty = content.readableByteCount() == 0;
		if (!empty && !wanted) {
			return;
		}
		if (event.isLast() && empty && subscriber == null && !this.discarding) {
			return; // an empty part waits for its reader like any other
		}
		this.pending = null;
		if (empty || this.discarding) {
			DataBufferUtils.release(content);
		}
		else {
			this.demand.getAndUpdate((current) -> (current == Long.MAX_VALUE) ? current : current - 1);
			subscriber.onNext(content);
		}
		if (event.isLast()) {
			this.terminated = true;
			if (!this.discarding && subscriber != null) {
				subscriber.onComplete();
			}
			this.call.partEnded(this);
		}
		else if (!this.awaitingEvent && (this.discarding || this.demand.get() > 0)) {
			this.awaitingEvent = true;
			this.call.requestNext();
		}
	}

	private void releasePending() {
		PartEvent event = this.pending;
		if (event != null) {
			this.pending = null;
			DataBufferUtils.release(event.content());
		}
	}

}
