package dev.runner.spring.socket;

import java.util.ArrayList;
import java.util.List;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * The flushes an event loop owes the sockets it wrote frames to: one task per loop flushes them all, after the tasks
 * already queued on the loop. A publication written to many sockets of a loop costs one task there instead of one per
 * socket, and the frames of publications that queued up meanwhile go out in the same write of each socket.
 */
final class SocketFlushes implements Runnable {

	private static final FastThreadLocal<SocketFlushes> ON_LOOP = new FastThreadLocal<>() {

		@Override
		protected SocketFlushes initialValue() {
			return new SocketFlushes();
		}

	};

	private final List<SocketOutbound> owed = new ArrayList<>();

	private SocketFlushes() {
	}

	/**
	 * Has the socket's channel flushed soon; called on its event loop, at most once until the flush.
	 */
	static void flushSoon(SocketOutbound outbound) {
		SocketFlushes flushes = ON_LOOP.get();
		if (flushes.owed.isEmpty()) {
			outbound.eventLoop().execute(flushes);
		}
		flushes.owed.add(outbound);
	}

	@Override
	public void run() {
		// a flush can make a channel writable again, and the drain it resumes may owe another flush: read the size
		// each time
		for (int i = 0; i < this.owed.size(); i++) {
			this.owed.get(i).flush();
		}
		this.owed.clear();
	}

}
