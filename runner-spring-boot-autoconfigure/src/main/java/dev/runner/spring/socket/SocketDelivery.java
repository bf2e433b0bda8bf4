package dev.runner.spring.socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/**
 * Delivers one publication to the subscribers of this instance (docs/socket.md §3.5): the frame is encoded once,
 * WebSocket header included, into one buffer that every subscriber's queue shares; it is queued at once for the
 * sockets of the calling thread's own event loop, and by one task per other loop for the others.
 */
final class SocketDelivery {

	private SocketDelivery() {
	}

	/**
	 * Queues the frame for every subscriber.
	 * @param json the {@code message} frame's JSON
	 */
	static void deliver(String channel, Set<SocketConnection> subscribers, byte[] json) {
		ByteBuf frame = SocketWireFrame.text(ByteBufAllocator.DEFAULT, json);
		try {
			Map<EventLoop, List<SocketConnection>> byLoop = null;
			for (SocketConnection subscriber : subscribers) {
				EventLoop loop = subscriber.eventLoop();
				if (loop.inEventLoop()) {
					subscriber.outbound().offerMessage(channel, frame);
					continue;
				}
				if (byLoop == null) {
					byLoop = new HashMap<>();
				}
				byLoop.computeIfAbsent(loop, (key) -> new ArrayList<>()).add(subscriber);
			}
			if (byLoop != null) {
				byLoop.forEach((loop, sockets) -> queueOn(loop, sockets, channel, frame));
			}
		}
		finally {
			frame.release();
		}
	}

	/**
	 * Queues a publication's frame for sockets of another event loop, on that loop, which holds a reference to the
	 * frame until then.
	 */
	private static void queueOn(EventLoop loop, List<SocketConnection> sockets, String channel, ByteBuf frame) {
		frame.retain();
		try {
			loop.execute(() -> {
				try {
					for (SocketConnection socket : sockets) {
						socket.outbound().offerMessage(channel, frame);
					}
				}
				finally {
					frame.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the server is stopping: its sockets close without this message
			frame.release();
		}
	}

}
