package dev.runner.spring.socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.RunnerSocket;
import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.core.RunnerSocketStatistics;

/**
 * The channels of the sockets open on this instance (docs/socket.md §3, without a broker): who subscribes to what,
 * and delivery to each subscriber's outbound queue. A publication is encoded once, WebSocket frame header included,
 * and the same buffer is queued for every subscriber, in the order the publisher made its publications. Queuing
 * happens on each subscriber's event loop: at once for the sockets of the publishing thread's own loop, one task per
 * other loop and publication, so the loop writes the frame at once, with no hand-off between threads per socket and
 * no contention on the socket's queue. One thread's publications keep their order for every subscriber (each subscriber always gets them the same
 * way); a socket that publishes on its own channel has its message queued before its {@code publish} result.
 *
 * @since 0.1.0
 */
public final class LocalRunnerChannels implements RunnerChannels, RunnerSocketStatistics {

	private final Map<String, Set<SocketConnection>> subscribers = new ConcurrentHashMap<>();

	private final SocketRegistry registry;

	private final SocketFrameWriter writer;

	private final RunnerSocketListener listener;

	LocalRunnerChannels(SocketRegistry registry, SocketFrameWriter writer, RunnerSocketListener listener) {
		this.registry = registry;
		this.writer = writer;
		this.listener = listener;
	}

	@Override
	public Mono<Void> publish(String channel, @Nullable Object data) {
		return Mono.fromRunnable(() -> publishNow(channel, data));
	}

	/**
	 * Publishes on the calling thread.
	 * @throws IllegalArgumentException for a channel name that breaks the rule
	 */
	void publishNow(String channel, @Nullable Object data) {
		checkChannel(channel);
		Set<SocketConnection> subscribers = this.subscribers.get(channel);
		this.listener.published(channel);
		if (subscribers == null || subscribers.isEmpty()) {
			return;
		}
		ByteBuf frame = SocketWireFrame.text(ByteBufAllocator.DEFAULT, this.writer.message(channel, data));
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

	@Override
	public Mono<Boolean> send(String socketId, @Nullable Object data) {
		return Mono.fromSupplier(() -> {
			SocketConnection socket = this.registry.socket(socketId);
			return socket != null && socket.outbound().offer("direct", this.writer.direct(data));
		});
	}

	@Override
	public Mono<Boolean> subscribe(String socketId, String channel) {
		return Mono.fromSupplier(() -> {
			checkChannel(channel);
			SocketConnection socket = this.registry.socket(socketId);
			return socket != null && subscribe(socket, channel);
		});
	}

	@Override
	public Mono<Boolean> unsubscribe(String socketId, String channel) {
		return Mono.fromSupplier(() -> {
			SocketConnection socket = this.registry.socket(socketId);
			return socket != null && unsubscribe(socket, channel);
		});
	}

	@Override
	public Mono<Void> copySubscriptions(String fromChannel, String toChannel) {
		return Mono.fromRunnable(() -> {
			checkChannel(toChannel);
			Set<SocketConnection> from = this.subscribers.get(fromChannel);
			if (from != null) {
				List.copyOf(from).forEach((socket) -> subscribe(socket, toChannel));
			}
		});
	}

	@Override
	public Mono<Void> close(String socketId, int code, String reason) {
		Assert.isTrue(code == 1000 || (code >= 4000 && code <= 4999), "A close code is 1000 or 4000-4999");
		return Mono.fromRunnable(() -> {
			SocketConnection socket = this.registry.socket(socketId);
			if (socket != null) {
				socket.close(code, reason);
			}
		});
	}

	@Override
	public Flux<RunnerSocket> sockets() {
		return Flux.defer(() -> Flux.fromIterable(List.copyOf(this.registry.sockets())));
	}

	@Override
	public Flux<String> subscribers(String channel) {
		return Flux.defer(() -> {
			Set<SocketConnection> subscribers = this.subscribers.get(channel);
			return (subscribers != null) ? Flux.fromIterable(List.copyOf(subscribers)).map(SocketConnection::id)
					: Flux.empty();
		});
	}

	@Override
	public Flux<String> channels() {
		return Flux.defer(() -> Flux.fromIterable(List.copyOf(this.subscribers.keySet())));
	}

	@Override
	public Map<String, Integer> channelSubscribers() {
		Map<String, Integer> counts = new TreeMap<>();
		this.subscribers.forEach((channel, subscribers) -> counts.put(channel, subscribers.size()));
		return counts;
	}

	@Override
	public int socketCount() {
		return this.registry.sockets().size();
	}

	/**
	 * Subscribes a socket; a socket closing meanwhile leaves the channel again, so nothing outlives it.
	 * @return whether it was not subscribed yet
	 */
	boolean subscribe(SocketConnection socket, String channel) {
		if (socket.isClosing()) {
			return false;
		}
		boolean[] added = new boolean[1];
		this.subscribers.compute(channel, (name, set) -> {
			Set<SocketConnection> subscribers = (set != null) ? set : ConcurrentHashMap.newKeySet();
			added[0] = subscribers.add(socket);
			return subscribers;
		});
		if (added[0]) {
			socket.addChannel(channel);
			if (socket.isClosing()) {
				unsubscribe(socket, channel);
				return false;
			}
		}
		return added[0];
	}

	/**
	 * Unsubscribes a socket.
	 * @return whether it was subscribed
	 */
	boolean unsubscribe(SocketConnection socket, String channel) {
		boolean[] removed = new boolean[1];
		this.subscribers.computeIfPresent(channel, (name, set) -> {
			removed[0] = set.remove(socket);
			return set.isEmpty() ? null : set;
		});
		socket.removeChannel(channel);
		return removed[0];
	}

	/**
	 * Makes a socket that ended leave all its channels.
	 */
	void leaveAll(SocketConnection socket) {
		for (String channel : socket.channelList()) {
			unsubscribe(socket, channel);
		}
	}

	private static void checkChannel(String channel) {
		Assert.isTrue(SocketFrameReader.isValidChannel(channel),
				"A channel name has 1-256 characters and no control characters");
	}

}
