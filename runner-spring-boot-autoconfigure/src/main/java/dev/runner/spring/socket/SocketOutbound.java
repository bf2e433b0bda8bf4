package dev.runner.spring.socket;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;

import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.socket.SocketSettings.SlowConsumerPolicy;

/**
 * The bounded outbound queue of one socket (docs/socket.md §5): frames wait here, counted in frames, until the
 * connection asks for more, which it does as fast as the client reads. A full queue applies the slow-consumer policy:
 * {@code close} drops everything queued and has the socket closed with 4408; {@code drop-oldest} drops the oldest
 * queued channel message (never a result) and owes the client one {@code gap} frame per channel, sent before the next
 * frame once the client reads again. Frames are shared {@code byte[]}s: a publication is encoded once for every
 * subscriber, and nothing in the queue needs releasing.
 */
final class SocketOutbound {

	private static final byte[] EMPTY = new byte[0];

	private final int capacity;

	private final SlowConsumerPolicy policy;

	private final SocketFrameWriter writer;

	private final RunnerSocketListener listener;

	private final Runnable overflowed;

	private final ArrayDeque<Frame> queue = new ArrayDeque<>(2);

	/** Messages dropped per channel, owed to the client as {@code gap} frames. */
	private @Nullable Map<String, Integer> gaps;

	private boolean closed;

	/** Run once the queue is at most half full again (or closed): the reader that waits for room. */
	private @Nullable Runnable roomWaiter;

	private static final AtomicIntegerFieldUpdater<SocketOutbound> WIP = AtomicIntegerFieldUpdater
		.newUpdater(SocketOutbound.class, "wip");

	/** Drain passes owed: a field and an updater rather than an AtomicInteger per socket. */
	private volatile int wip;

	private volatile @Nullable FluxSink<WebSocketMessage> sink;

	private volatile @Nullable DataBufferFactory bufferFactory;

	/**
	 * Creates the queue.
	 * @param overflowed closes the socket with 4408 {@code slow consumer}; called at most once, outside any lock
	 */
	SocketOutbound(int capacity, SlowConsumerPolicy policy, SocketFrameWriter writer, RunnerSocketListener listener,
			Runnable overflowed) {
		this.capacity = capacity;
		this.policy = policy;
		this.writer = writer;
		this.listener = listener;
		this.overflowed = overflowed;
	}

	/**
	 * Returns the frames to send, for {@code WebSocketSession.send}; subscribed once.
	 */
	Flux<WebSocketMessage> messages(DataBufferFactory bufferFactory) {
		return Flux.create((sink) -> {
			this.bufferFactory = bufferFactory;
			this.sink = sink;
			sink.onRequest((n) -> drain());
			sink.onDispose(this::close);
			drain();
		}, FluxSink.OverflowStrategy.ERROR);
	}

	/**
	 * Queues a frame that is not a channel message: a result, an error, {@code ready}, {@code pong}, {@code direct}.
	 * @return whether it was queued: {@code false} once closed, or when the queue overflowed
	 */
	boolean offer(String type, byte[] bytes) {
		return offer(new Frame(type, bytes, null));
	}

	/**
	 * Queues a channel message.
	 * @return whether it was queued (with {@code drop-oldest}, an older one may have been dropped for it)
	 */
	boolean offerMessage(String channel, byte[] bytes) {
		return offer(new Frame("message", bytes, channel));
	}

	/**
	 * Queues a WebSocket ping control frame ahead of everything else.
	 */
	void ping() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.queue.addFirst(new Frame("ping", EMPTY, null));
		}
		drain();
	}

	/**
	 * Runs {@code then} once the queue has room: at once, on the calling thread, while it is at most half full (or
	 * closed), else when it has drained to half or closes. One waiter at a time (the socket's reader).
	 */
	void whenRoom(Runnable then) {
		synchronized (this) {
			if (!this.closed && this.queue.size() > this.capacity / 2) {
				this.roomWaiter = then;
				return;
			}
		}
		then.run();
	}

	/**
	 * Drops what is queued and completes the frames: nothing is sent any more.
	 */
	void close() {
		Runnable waiter;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.queue.clear();
			this.gaps = null;
			waiter = this.roomWaiter;
			this.roomWaiter = null;
		}
		if (waiter != null) {
			waiter.run();
		}
		drain();
	}

	/**
	 * Returns the number of frames queued.
	 */
	synchronized int size() {
		return this.queue.size();
	}

	private boolean offer(Frame frame) {
		boolean overflow = false;
		Runnable waiter = null;
		synchronized (this) {
			if (this.closed) {
				return false;
			}
			if (this.queue.size() < this.capacity || dropOldestMessage()) {
				this.queue.add(frame);
			}
			else if (this.policy == SlowConsumerPolicy.DROP_OLDEST && frame.channel() != null) {
				owe(frame.channel());
				return true;
			}
			else {
				overflow = true;
				this.listener.dropped(this.queue.size() + 1);
				this.queue.clear();
				this.closed = true;
				waiter = this.roomWaiter;
				this.roomWaiter = null;
			}
		}
		if (overflow) {
			if (waiter != null) {
				waiter.run();
			}
			this.overflowed.run();
			drain();
			return false;
		}
		drain();
		return true;
	}

	/**
	 * With {@code drop-oldest}, drops the oldest queued channel message so that another frame fits. When none is
	 * queued, a new message is dropped instead (owed as a gap), and any other frame overflows the queue.
	 * @return whether a message was dropped
	 */
	private boolean dropOldestMessage() {
		if (this.policy != SlowConsumerPolicy.DROP_OLDEST) {
			return false;
		}
		for (Iterator<Frame> frames = this.queue.iterator(); frames.hasNext();) {
			Frame queued = frames.next();
			if (queued.channel() != null) {
				frames.remove();
				owe(queued.channel());
				return true;
			}
		}
		return false;
	}

	private void owe(String channel) {
		if (this.gaps == null) {
			this.gaps = new LinkedHashMap<>();
		}
		this.gaps.merge(channel, 1, Integer::sum);
		this.listener.dropped(1);
	}

	/**
	 * Emits queued frames while the connection asks for them, and completes the frames once closed, on one thread at
	 * a time: a thread that finds another draining leaves a mark that makes that one loop once more.
	 */
	private void drain() {
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		int missed = 1;
		do {
			FluxSink<WebSocketMessage> sink = this.sink;
			DataBufferFactory bufferFactory = this.bufferFactory;
			if (sink != null && bufferFactory != null) {
				if (isClosed()) {
					sink.complete();
				}
				while (sink.requestedFromDownstream() > 0) {
					Frame frame = poll();
					if (frame == null) {
						break;
					}
					roomMade();
					this.listener.frame(false, frame.type());
					WebSocketMessage.Type type = (frame.bytes() == EMPTY) ? WebSocketMessage.Type.PING
							: WebSocketMessage.Type.TEXT;
					sink.next(new WebSocketMessage(type, bufferFactory.wrap(frame.bytes())));
				}
			}
			missed = WIP.addAndGet(this, -missed);
		}
		while (missed != 0);
	}

	private void roomMade() {
		Runnable waiter;
		synchronized (this) {
			waiter = this.roomWaiter;
			if (waiter == null || this.queue.size() > this.capacity / 2) {
				return;
			}
			this.roomWaiter = null;
		}
		waiter.run();
	}

	private synchronized boolean isClosed() {
		return this.closed;
	}

	private synchronized @Nullable Frame poll() {
		if (this.closed) {
			return null;
		}
		Map<String, Integer> gaps = this.gaps;
		if (gaps != null && !gaps.isEmpty()) {
			Map.Entry<String, Integer> gap = gaps.entrySet().iterator().next();
			gaps.remove(gap.getKey());
			return new Frame("gap", this.writer.gap(gap.getKey(), gap.getValue()), null);
		}
		return this.queue.poll();
	}

	private record Frame(String type, byte[] bytes, @Nullable String channel) {
	}

}
