package dev.runner.spring.socket;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;

import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.socket.SocketSettings.SlowConsumerPolicy;

/**
 * The bounded outbound queue of one socket (docs/socket.md §5): frames wait here, counted in frames, until the
 * connection can take them, which it can as fast as the client reads. They are written on the socket's event loop,
 * into its Netty channel while the channel is writable (Netty's write-buffer watermarks), and flushed together with
 * every other socket of that loop written to meanwhile ({@link SocketFlushes}). A full queue applies the
 * slow-consumer policy: {@code close} drops everything queued and has the socket closed with 4408; {@code drop-oldest} drops the oldest
 * queued channel message (never a result) and owes the client one {@code gap} frame per channel, sent before the next
 * frame once the client reads again. Frames are queued as WebSocket frames in direct buffers ({@link SocketWireFrame}),
 * each holding one reference that the write hands to Netty or the queue releases when it drops the frame; a
 * publication's frame is encoded once and shared by every subscriber's queue.
 */
final class SocketOutbound {

	private final int capacity;

	private final SlowConsumerPolicy policy;

	private final SocketFrameWriter writer;

	private final RunnerSocketListener listener;

	private final Runnable overflowed;

	private final Channel channel;

	/** Runs the drain on the event loop, for offers made on other threads. */
	private final Runnable drainOnLoop = this::drainOnLoop;

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

	/** Run once closed: what completes the socket's outbound side. */
	private @Nullable Runnable whenClosed;

	/** The last frame written, on the event loop only: the drain resumes once it is out, when the channel was full. */
	private @Nullable ChannelFuture lastWrite;

	/** Whether the drain waits for {@link #lastWrite}, on the event loop only. */
	private boolean waitingForChannel;

	/** Whether a flush of the channel is owed by {@link SocketFlushes}, on the event loop only. */
	private boolean flushOwed;

	/**
	 * Creates the queue.
	 * @param channel the socket's Netty channel (after the upgrade): frames are written into it on its event loop
	 * @param overflowed closes the socket with 4408 {@code slow consumer}; called at most once, outside any lock
	 */
	SocketOutbound(int capacity, SlowConsumerPolicy policy, SocketFrameWriter writer, RunnerSocketListener listener,
			Channel channel, Runnable overflowed) {
		this.capacity = capacity;
		this.policy = policy;
		this.writer = writer;
		this.listener = listener;
		this.channel = channel;
		this.overflowed = overflowed;
	}

	/**
	 * Runs {@code then} once the queue is closed (at once when it is): nothing is written after that.
	 */
	void whenClosed(Runnable then) {
		synchronized (this) {
			if (!this.closed) {
				this.whenClosed = then;
				return;
			}
		}
		then.run();
	}

	/**
	 * Queues a frame that is not a channel message: a result, an error, {@code ready}, {@code pong}, {@code direct}.
	 * @return whether it was queued: {@code false} once closed, or when the queue overflowed
	 */
	boolean offer(String type, byte[] bytes) {
		return offer(new Frame(type, SocketWireFrame.text(this.channel.alloc(), bytes), null));
	}

	/**
	 * Queues a channel message.
	 * @param frame the publication's {@code message} frame from {@link SocketWireFrame#text}, shared: the queue takes
	 * a reference of its own, the caller keeps its own
	 * @return whether it was queued (with {@code drop-oldest}, an older one may have been dropped for it)
	 */
	boolean offerMessage(String channel, ByteBuf frame) {
		return offer(new Frame("message", frame.retainedDuplicate(), channel));
	}

	/**
	 * Queues a WebSocket ping control frame ahead of everything else.
	 */
	void ping() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.queue.addFirst(new Frame("ping", SocketWireFrame.PING.duplicate(), null));
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
	 * Drops what is queued and completes the frames: nothing is sent any more. Called off the event loop, it closes on
	 * the loop, after the drains already handed to it: a result offered just before a graceful shutdown's close is
	 * written first.
	 */
	void close() {
		EventLoop loop = this.channel.eventLoop();
		if (!loop.inEventLoop()) {
			try {
				loop.execute(this::close);
				return;
			}
			catch (RejectedExecutionException ex) {
				// the loop has stopped: close here
			}
		}
		Runnable closing;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			closing = closeLocked();
		}
		closing.run();
	}

	/**
	 * Marks the queue closed and releases what it holds; under this object's lock.
	 * @return what to run once the lock is released: the reader waiting for room, then {@link #whenClosed}
	 */
	private Runnable closeLocked() {
		this.closed = true;
		releaseQueued();
		this.gaps = null;
		Runnable waiter = this.roomWaiter;
		Runnable closedCallback = this.whenClosed;
		this.roomWaiter = null;
		this.whenClosed = null;
		return () -> {
			if (waiter != null) {
				waiter.run();
			}
			if (closedCallback != null) {
				closedCallback.run();
			}
		};
	}

	/**
	 * Returns the number of frames queued.
	 */
	synchronized int size() {
		return this.queue.size();
	}

	private boolean offer(Frame frame) {
		Runnable closing = null;
		synchronized (this) {
			if (this.closed) {
				frame.wire().release();
				return false;
			}
			if (this.queue.size() < this.capacity || dropOldestMessage()) {
				this.queue.add(frame);
			}
			else if (this.policy == SlowConsumerPolicy.DROP_OLDEST && frame.channel() != null) {
				frame.wire().release();
				owe(frame.channel());
				return true;
			}
			else {
				this.listener.dropped(this.queue.size() + 1);
				frame.wire().release();
				closing = closeLocked();
			}
		}
		if (closing != null) {
			// the close code is set before the outbound side completes
			this.overflowed.run();
			closing.run();
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
				queued.wire().release();
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
	 * Writes queued frames on the event loop, one thread at a time: a thread that finds another draining leaves a mark
	 * that makes that one loop once more; a thread other than the loop's hands the drain to the loop.
	 */
	private void drain() {
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		EventLoop loop = this.channel.eventLoop();
		if (loop.inEventLoop()) {
			drainOnLoop();
		}
		else {
			loop.execute(this.drainOnLoop);
		}
	}

	private void drainOnLoop() {
		int missed = 1;
		do {
			boolean wrote = false;
			while (!this.waitingForChannel && writable()) {
				Frame frame = poll();
				if (frame == null) {
					break;
				}
				roomMade();
				this.listener.frame(false, frame.type());
				this.lastWrite = this.channel.write(frame.wire());
				wrote = true;
			}
			if (wrote && !this.flushOwed) {
				this.flushOwed = true;
				SocketFlushes.flushSoon(this);
			}
			missed = WIP.addAndGet(this, -missed);
		}
		while (missed != 0);
	}

	/**
	 * Whether the channel takes another frame now: when its write buffer is over the high watermark, the drain waits
	 * until the last frame written is out, by which time the buffer is empty (the frames before it are out too).
	 */
	private boolean writable() {
		if (this.channel.isWritable()) {
			return true;
		}
		if (!this.channel.isActive()) {
			// gone: what is queued stays until the socket ends, which it is about to
			return false;
		}
		ChannelFuture last = this.lastWrite;
		if (last == null || last.isDone()) {
			// the buffer holds nothing of this queue's: nothing to wait for, write on
			return true;
		}
		this.waitingForChannel = true;
		last.addListener((future) -> {
			this.waitingForChannel = false;
			drain();
		});
		return false;
	}

	EventLoop eventLoop() {
		return this.channel.eventLoop();
	}

	/**
	 * Flushes the channel, on the event loop, for {@link SocketFlushes}.
	 */
	void flush() {
		this.flushOwed = false;
		this.channel.flush();
		ChannelFuture last = this.lastWrite;
		if (last != null && last.isDone() && !this.waitingForChannel) {
			// out already, as it mostly is after a flush: an idle socket keeps no future
			this.lastWrite = null;
		}
	}

	/**
	 * Releases what is queued; under this object's lock.
	 */
	private void releaseQueued() {
		for (Frame frame : this.queue) {
			frame.wire().release();
		}
		this.queue.clear();
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

	private synchronized @Nullable Frame poll() {
		if (this.closed) {
			return null;
		}
		Map<String, Integer> gaps = this.gaps;
		if (gaps != null && !gaps.isEmpty()) {
			Map.Entry<String, Integer> gap = gaps.entrySet().iterator().next();
			gaps.remove(gap.getKey());
			return new Frame("gap",
					SocketWireFrame.text(this.channel.alloc(), this.writer.gap(gap.getKey(), gap.getValue())), null);
		}
		return this.queue.poll();
	}

	/**
	 * A queued frame: its type (for the frame counter), the frame on the wire, and for a channel message its channel.
	 */
	private record Frame(String type, ByteBuf wire, @Nullable String channel) {
	}

}
