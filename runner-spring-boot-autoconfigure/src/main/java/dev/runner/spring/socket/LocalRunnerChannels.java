package dev.runner.spring.socket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.RunnerSocket;
import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.core.RunnerSocketStatistics;

/**
 * The channels of the sockets open on this instance (docs/socket.md §3): who subscribes to what, and delivery to each
 * subscriber's outbound queue ({@link SocketDelivery}), in the order the publisher made its publications. One
 * thread's publications keep their order for every subscriber; a socket that publishes on its own channel has its
 * message queued before its {@code publish} result. With a broker (§7), a publication is also handed to the
 * {@link SocketRelay}, calls for sockets of other instances go through it, and what other instances relay arrives
 * through the {@code …Here} methods.
 *
 * @since 0.1.0
 */
public final class LocalRunnerChannels implements RunnerChannels, RunnerSocketStatistics {

	private final Map<String, Set<SocketConnection>> subscribers = new ConcurrentHashMap<>();

	private final SocketRegistry registry;

	private final SocketFrameWriter writer;

	private final RunnerSocketListener listener;

	/** The broker's side, {@code null} without a broker: set once at start-up. */
	private volatile @Nullable SocketRelay relay;

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
		this.listener.published(channel);
		Set<SocketConnection> subscribers = this.subscribers.get(channel);
		SocketRelay relay = this.relay;
		if (relay == null && (subscribers == null || subscribers.isEmpty())) {
			return;
		}
		byte[] frame = this.writer.message(channel, data);
		if (subscribers != null && !subscribers.isEmpty()) {
			SocketDelivery.deliver(channel, subscribers, frame);
		}
		if (relay != null) {
			relay.publish(channel, frame);
		}
	}

	/**
	 * Delivers a publication that another instance relayed to this instance's subscribers.
	 * @param channel the channel
	 * @param frame the {@code message} frame as the publishing instance encoded it
	 */
	public void publishHere(String channel, byte[] frame) {
		Set<SocketConnection> subscribers = this.subscribers.get(channel);
		if (subscribers != null && !subscribers.isEmpty()) {
			SocketDelivery.deliver(channel, subscribers, frame);
		}
	}

	@Override
	public Mono<Boolean> send(String socketId, @Nullable Object data) {
		return Mono.defer(() -> {
			SocketRelay relay = remote(socketId);
			byte[] frame = this.writer.direct(data);
			return (relay != null) ? relay.send(socketId, frame) : Mono.just(sendHere(socketId, frame));
		});
	}

	/**
	 * Sends a {@code direct} frame to a socket of this instance.
	 * @return whether the socket is open here and took it
	 */
	public boolean sendHere(String socketId, byte[] frame) {
		SocketConnection socket = this.registry.socket(socketId);
		return socket != null && socket.outbound().offer("direct", frame);
	}

	@Override
	public Mono<Boolean> subscribe(String socketId, String channel) {
		return Mono.defer(() -> {
			checkChannel(channel);
			SocketRelay relay = remote(socketId);
			return (relay != null) ? relay.subscription(socketId, channel, true)
					: Mono.just(subscriptionHere(socketId, channel, true));
		});
	}

	@Override
	public Mono<Boolean> unsubscribe(String socketId, String channel) {
		return Mono.defer(() -> {
			SocketRelay relay = remote(socketId);
			return (relay != null) ? relay.subscription(socketId, channel, false)
					: Mono.just(subscriptionHere(socketId, channel, false));
		});
	}

	/**
	 * Subscribes or unsubscribes a socket of this instance.
	 * @return whether that changed something
	 */
	public boolean subscriptionHere(String socketId, String channel, boolean subscribe) {
		SocketConnection socket = this.registry.socket(socketId);
		if (socket == null || !SocketFrameReader.isValidChannel(channel)) {
			return false;
		}
		return subscribe ? subscribe(socket, channel) : unsubscribe(socket, channel);
	}

	@Override
	public Mono<Void> copySubscriptions(String fromChannel, String toChannel) {
		return Mono.defer(() -> {
			checkChannel(toChannel);
			copySubscriptionsHere(fromChannel, toChannel);
			SocketRelay relay = this.relay;
			return (relay != null) ? relay.copySubscriptions(fromChannel, toChannel).then() : Mono.empty();
		});
	}

	/**
	 * Subscribes this instance's subscribers of one channel to another too.
	 */
	public void copySubscriptionsHere(String fromChannel, String toChannel) {
		Set<SocketConnection> from = this.subscribers.get(fromChannel);
		if (from != null && SocketFrameReader.isValidChannel(toChannel)) {
			List.copyOf(from).forEach((socket) -> subscribe(socket, toChannel));
		}
	}

	@Override
	public Mono<Void> close(String socketId, int code, String reason) {
		Assert.isTrue(code == 1000 || (code >= 4000 && code <= 4999), "A close code is 1000 or 4000-4999");
		return Mono.defer(() -> {
			SocketRelay relay = remote(socketId);
			if (relay != null) {
				return relay.close(socketId, code, reason).then();
			}
			closeHere(socketId, code, reason);
			return Mono.empty();
		});
	}

	/**
	 * Closes a socket of this instance, if it is open here.
	 */
	public void closeHere(String socketId, int code, String reason) {
		SocketConnection socket = this.registry.socket(socketId);
		if (socket != null) {
			socket.close(code, reason);
		}
	}

	/**
	 * Relays what other instances do to the broker, and takes what it relays here; called once, at start-up.
	 */
	public void relayThrough(SocketRelay relay) {
		Assert.state(this.relay == null, "The channels already relay through a broker");
		this.relay = relay;
	}

	/**
	 * Returns this instance's id, the first part of its socket ids (docs/socket.md §7).
	 */
	public String instanceId() {
		return this.registry.instanceId();
	}

	/**
	 * Returns the instance part of a socket id ({@code <instance>-<sequence>}), {@code null} when it has none.
	 */
	public static @Nullable String instanceOf(String socketId) {
		return SocketRegistry.instanceOf(socketId);
	}

	/**
	 * Returns whether a socket of this instance is subscribed to the channel.
	 */
	public boolean hasSubscribers(String channel) {
		Set<SocketConnection> subscribers = this.subscribers.get(channel);
		return subscribers != null && !subscribers.isEmpty();
	}

	/**
	 * Returns the relay when the socket id names another instance, else {@code null}.
	 */
	private @Nullable SocketRelay remote(String socketId) {
		SocketRelay relay = this.relay;
		return (relay != null && !this.registry.isLocal(socketId)) ? relay : null;
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
		boolean[] added = new boolean[2];
		this.subscribers.compute(channel, (name, set) -> {
			Set<SocketConnection> subscribers = (set != null) ? set : ConcurrentHashMap.newKeySet();
			added[0] = subscribers.add(socket);
			added[1] = added[0] && subscribers.size() == 1;
			return subscribers;
		});
		if (added[1]) {
			subscribersChanged(channel);
		}
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
		boolean[] removed = new boolean[2];
		this.subscribers.computeIfPresent(channel, (name, set) -> {
			removed[0] = set.remove(socket);
			removed[1] = set.isEmpty();
			return removed[1] ? null : set;
		});
		socket.removeChannel(channel);
		if (removed[0] && removed[1]) {
			subscribersChanged(channel);
		}
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

	private void subscribersChanged(String channel) {
		SocketRelay relay = this.relay;
		if (relay != null) {
			relay.subscribersChanged(channel);
		}
	}

	private static void checkChannel(String channel) {
		Assert.isTrue(SocketFrameReader.isValidChannel(channel),
				"A channel name has 1-256 characters and no control characters");
	}

}
