package dev.runner.spring.socket;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One request of a socket in flight (docs/socket.md §2): answered once, by its outcome or by a {@code cancel}, and
 * forgotten when the socket closes.
 */
final class SocketRequest {

	private final String id;

	private final SocketConnection connection;

	private final AtomicBoolean done = new AtomicBoolean();

	private volatile @Nullable Disposable subscription;

	SocketRequest(String id, SocketConnection connection) {
		this.id = id;
		this.connection = connection;
	}

	/**
	 * Runs the request; its frame is queued when it finishes.
	 * @param answer the {@code result} frame of a success
	 * @param failed the {@code result} frame of a failure
	 */
	void start(Mono<byte[]> answer, Function<Throwable, byte[]> failed) {
		Disposable subscription = answer.subscribe(this::finish, (ex) -> finish(failed.apply(ex)));
		this.subscription = subscription;
		if (this.done.get() && !subscription.isDisposed()) {
			subscription.dispose();
		}
	}

	/**
	 * Cancels the request and answers it with {@code aborted}, unless it was answered already.
	 */
	void cancel(byte[] aborted) {
		if (abandon()) {
			this.connection.outbound().offer("result", aborted);
		}
	}

	/**
	 * Cancels the request without answering it (the socket is closing).
	 * @return whether it was still running
	 */
	boolean abandon() {
		if (!this.done.compareAndSet(false, true)) {
			return false;
		}
		this.connection.removeInFlight(this.id, this);
		Disposable subscription = this.subscription;
		if (subscription != null) {
			subscription.dispose();
		}
		return true;
	}

	private void finish(byte[] frame) {
		if (this.done.compareAndSet(false, true)) {
			this.connection.removeInFlight(this.id, this);
			this.connection.outbound().offer("result", frame);
		}
	}

}
