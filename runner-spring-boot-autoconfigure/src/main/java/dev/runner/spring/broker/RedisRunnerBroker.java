package dev.runner.spring.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

import dev.runner.spring.core.RunnerBrokerListener;
import dev.runner.spring.core.RunnerBrokerStatistics;
import dev.runner.spring.socket.LocalRunnerChannels;
import dev.runner.spring.socket.SocketRelay;

/**
 * The Redis broker ({@code runner.socket.broker=redis}, docs/socket.md §7): channels, {@code send},
 * {@code subscribe}/{@code unsubscribe} of a remote socket, {@code copySubscriptions} and {@code close} across every
 * instance connected to the same Redis, on Spring Data Redis reactive's publish/subscribe: one
 * {@link ReactiveSubscription} per instance, one Redis channel subscribed on it per runner channel that has a local
 * subscriber. Redis channels, under the prefix ({@code runner.socket.broker-prefix}, {@code runner:}):
 * <ul>
 * <li>{@code <prefix>channel:<name>}: publications of a runner channel; the payload is the publishing instance's id,
 * a line feed and the {@code message} frame, which the publisher does not deliver twice;</li>
 * <li>{@code <prefix>instance:<id>}: {@link BrokerCommand}s for the instance that holds a socket;</li>
 * <li>{@code <prefix>instances}: {@code copy} commands for every instance.</li>
 * </ul>
 * Delivery is at most once: what Redis does not deliver is not replayed.
 *
 * @since 0.1.0
 */
public final class RedisRunnerBroker implements SocketRelay, SmartLifecycle, RunnerBrokerStatistics {

	private static final Log logger = LogFactory.getLog(RedisRunnerBroker.class);

	/** How long the start-up waits for the command subscription before it goes on without it. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(5);

	/** How often the broker probes Redis. */
	private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

	/** How long a probe may take before relays fail at once. */
	private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(2);

	private static final AtomicIntegerFieldUpdater<RedisRunnerBroker> PENDING = AtomicIntegerFieldUpdater
		.newUpdater(RedisRunnerBroker.class, "pending");

	private final LocalRunnerChannels channels;

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final ReactiveRedisTemplate<String, byte[]> redis;

	private final String prefix;

	private final String channelPrefix;

	private final String instanceChannel;

	private final String everyInstanceChannel;

	private final String instanceId;

	private final byte[] origin;

	/** {@link #origin}, to compare the start of a received payload with. */
	private final ByteBuffer originBuffer;

	private final JsonMapper json = JsonMapper.builder().build();

	private final RunnerBrokerListener listener;

	/** The runner channels held at Redis: subscribed there, on the one subscription of this instance. */
	private final Set<String> held = ConcurrentHashMap.newKeySet();

	/** Channels whose subscribers changed, reconciled with Redis one at a time, in order. */
	private final Queue<String> changed = new ConcurrentLinkedQueue<>();

	/** Probes sent to this instance itself and not back yet, by token. */
	private final Map<String, Probe> probes = new ConcurrentHashMap<>();

	private final AtomicLong probeSequence = new AtomicLong();

	/** Changes queued or being reconciled. */
	private volatile int pending;

	private volatile @Nullable ReactiveSubscription subscription;

	private volatile @Nullable ReactiveRedisConnection connection;

	private volatile @Nullable Disposable messages;

	private @Nullable Disposable watch;

	private volatile boolean available = true;

	private volatile boolean running;

	/**
	 * Creates the broker; it relays once started.
	 * @param channels this instance's channels
	 * @param connectionFactory Boot's reactive Redis connection factory ({@code spring.data.redis.*})
	 * @param prefix the prefix of every Redis channel name
	 * @param listener told of relays, failures and probes (metrics)
	 */
	public RedisRunnerBroker(LocalRunnerChannels channels, ReactiveRedisConnectionFactory connectionFactory,
			String prefix, RunnerBrokerListener listener) {
		this.channels = channels;
		this.listener = listener;
		this.connectionFactory = connectionFactory;
		this.redis = new ReactiveRedisTemplate<>(connectionFactory,
				RedisSerializationContext.<String, byte[]>newSerializationContext(RedisSerializer.string())
					.value(SerializationPair.fromSerializer(RedisSerializer.byteArray()))
					.build());
		this.prefix = prefix;
		this.channelPrefix = prefix + "channel:";
		this.instanceId = channels.instanceId();
		this.instanceChannel = prefix + "instance:" + this.instanceId;
		this.everyInstanceChannel = prefix + "instances";
		this.origin = (this.instanceId + "\n").getBytes(StandardCharsets.UTF_8);
		this.originBuffer = ByteBuffer.wrap(this.origin).asReadOnlyBuffer();
	}

	@Override
	public String broker() {
		return "redis";
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * Returns the runner channels this instance holds at Redis now (subscribed there because a socket of this
	 * instance is subscribed to them).
	 */
	@Override
	public Set<String> heldChannels() {
		return new TreeSet<>(this.held);
	}

	/**
	 * Subscribes to this instance's command channels, waiting at most 5 s for Redis, then relays.
	 */
	@Override
	public void start() {
		this.running = true;
		try {
			connect().block(START_TIMEOUT);
		}
		catch (RuntimeException ex) {
			this.available = false;
			logger.warn("The broker could not subscribe at Redis; channels are delivered on this instance only until "
					+ "it can: " + ex);
		}
		this.channels.relayThrough(this);
		this.watch = Flux.interval(WATCH_INTERVAL, WATCH_INTERVAL)
			.onBackpressureDrop()
			.concatMap((tick) -> watchOnce(), 1)
			.subscribe();
	}

	/**
	 * Opens this instance's one Redis subscription, with its command channels.
	 */
	private Mono<Void> connect() {
		return Mono.defer(() -> {
			ReactiveRedisConnection connection = this.connectionFactory.getReactiveConnection();
			return connection.pubSubCommands()
				.createSubscription()
				.flatMap((created) -> created.subscribe(bytes(this.instanceChannel), bytes(this.everyInstanceChannel))
					.thenReturn(created))
				.doOnNext((subscription) -> {
					this.connection = connection;
					this.subscription = subscription;
					this.messages = subscription.receive().subscribe(this::received, (ex) -> {
						// the next look at Redis opens a new subscription and reconciles every channel
						logger.warn("The broker's Redis subscription ended: " + ex);
						this.subscription = null;
						this.held.clear();
						connection.close();
					});
				})
				.doOnError((ex) -> connection.close())
				.then();
		});
	}

	/**
	 * One look at Redis, every second: a probe through it tells whether relays may be attempted. While they may not,
	 * publications and commands for other instances fail at once (counted) instead of piling up in the client's
	 * queue; once Redis answers again, every channel is reconciled with it.
	 */
	private Mono<Void> watchOnce() {
		Mono<Void> look = (this.subscription == null) ? connect().doOnSuccess((connected) -> reconcileAll())
				: probe(WATCH_TIMEOUT).then();
		return look.then(Mono.<Void>fromRunnable(() -> availability(true)))
			.onErrorResume((ex) -> Mono.fromRunnable(() -> availability(false)));
	}

	private void availability(boolean available) {
		boolean was = this.available;
		this.available = available;
		if (was && !available) {
			logger.warn("Redis does not answer the broker's probe: publications reach this instance's sockets only, "
					+ "relays to other instances fail until it does");
		}
		else if (!was && available) {
			logger.info("Redis answers the broker's probe again: channels are relayed across instances");
			reconcileAll();
		}
	}

	private void reconcileAll() {
		Set<String> channels = new TreeSet<>(this.held);
		channels.addAll(this.channels.channelSubscribers().keySet());
		channels.forEach(this::subscribersChanged);
	}

	/**
	 * Returns whether relays to other instances are attempted: {@code false} from the first probe through Redis that
	 * did not come back within 2 s until the next one that did.
	 */
	public boolean isAvailable() {
		return this.available;
	}

	@Override
	public void stop() {
		this.running = false;
		Disposable watch = this.watch;
		if (watch != null) {
			watch.dispose();
		}
		Disposable messages = this.messages;
		if (messages != null) {
			messages.dispose();
		}
		ReactiveSubscription subscription = this.subscription;
		this.subscription = null;
		Mono<Void> cancelled = (subscription != null) ? subscription.cancel().onErrorComplete() : Mono.empty();
		ReactiveRedisConnection connection = this.connection;
		cancelled.then(Mono.fromRunnable(() -> {
			if (connection != null) {
				connection.close();
			}
		})).block(START_TIMEOUT);
		this.held.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void publish(String channel, byte[] frame) {
		if (!this.available) {
			this.listener.failed("publish");
			return;
		}
		byte[] payload = new byte[this.origin.length + frame.length];
		System.arraycopy(this.origin, 0, payload, 0, this.origin.length);
		System.arraycopy(frame, 0, payload, this.origin.length, frame.length);
		this.redis.convertAndSend(this.channelPrefix + channel, payload).subscribe((receivers) -> this.listener.sent(),
				(ex) -> {
					this.listener.failed("publish");
					logger.warn("A publication on " + channel + " did not reach the broker: " + ex);
				});
	}

	/**
	 * Sends a probe through Redis to this instance itself (its command channel), for the {@code runnerBroker} health
	 * check: a Redis that accepts connections but no longer delivers fails it too.
	 * @param timeout how long to wait for the probe to come back
	 * @return the round-trip time; a {@link java.util.concurrent.TimeoutException} signal when it did not come back
	 * in time, the Redis error when it could not be sent
	 */
	public Mono<Duration> probe(Duration timeout) {
		return Mono.<Duration>create((sink) -> {
			String token = Long.toString(this.probeSequence.incrementAndGet());
			this.probes.put(token, new Probe(sink, System.nanoTime()));
			sink.onDispose(() -> this.probes.remove(token));
			this.redis.convertAndSend(this.instanceChannel,
					this.json.writeValueAsBytes(BrokerCommand.probe(this.instanceId, token)))
				.subscribe(null, sink::error);
		}).timeout(timeout);
	}

	@Override
	public Mono<Boolean> send(String socketId, byte[] frame) {
		return command(socketId,
				BrokerCommand.send(this.instanceId, socketId, new String(frame, StandardCharsets.UTF_8)));
	}

	@Override
	public Mono<Boolean> subscription(String socketId, String channel, boolean subscribe) {
		return command(socketId, BrokerCommand.subscription(this.instanceId, socketId, channel, subscribe));
	}

	@Override
	public Mono<Boolean> copySubscriptions(String fromChannel, String toChannel) {
		return send(this.everyInstanceChannel, BrokerCommand.copy(this.instanceId, fromChannel, toChannel));
	}

	@Override
	public Mono<Boolean> close(String socketId, int code, String reason) {
		return command(socketId, BrokerCommand.close(this.instanceId, socketId, code, reason));
	}

	/**
	 * Queues the channel for reconciliation with Redis: changes are applied one at a time, in order, each after the
	 * one before is confirmed, so that a channel churned faster than Redis answers is never left subscribed.
	 */
	@Override
	public void subscribersChanged(String channel) {
		this.changed.add(channel);
		if (PENDING.getAndIncrement(this) == 0) {
			reconcileNext();
		}
	}

	private void reconcileNext() {
		while (true) {
			String channel = this.changed.poll();
			Mono<Void> change = (channel != null) ? reconcile(channel) : null;
			if (change != null) {
				change.subscribe(null, (ex) -> reconciled(channel, ex), () -> reconciled(channel, null));
				return;
			}
			if (PENDING.decrementAndGet(this) == 0) {
				return;
			}
		}
	}

	private void reconciled(String channel, @Nullable Throwable failure) {
		if (failure != null) {
			logger.warn("The broker could not follow the subscribers of " + channel + " at Redis: " + failure);
		}
		if (PENDING.decrementAndGet(this) != 0) {
			reconcileNext();
		}
	}

	/**
	 * Returns the Redis command that makes Redis match the channel's local subscribers, {@code null} when it does.
	 */
	private @Nullable Mono<Void> reconcile(String channel) {
		ReactiveSubscription subscription = this.subscription;
		if (subscription == null) {
			return null;
		}
		boolean wanted = this.running && this.channels.hasSubscribers(channel);
		if (wanted && !this.held.contains(channel)) {
			return subscription.subscribe(bytes(this.channelPrefix + channel))
				.doOnSuccess((done) -> this.held.add(channel));
		}
		if (!wanted && this.held.remove(channel)) {
			return subscription.unsubscribe(bytes(this.channelPrefix + channel));
		}
		return null;
	}

	private void received(ReactiveSubscription.Message<ByteBuffer, ByteBuffer> message) {
		String redisChannel = StandardCharsets.UTF_8.decode(message.getChannel()).toString();
		ByteBuffer payload = message.getMessage();
		if (redisChannel.startsWith(this.channelPrefix)) {
			relayed(redisChannel.substring(this.channelPrefix.length()), payload);
		}
		else {
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			command(bytes);
		}
	}

	/**
	 * Delivers a publication of another instance here, its frame copied once out of the payload; one of this
	 * instance's own is already delivered.
	 */
	private void relayed(String channel, ByteBuffer payload) {
		int start = payload.position();
		int end = -1;
		for (int i = start; i < payload.limit(); i++) {
			if (payload.get(i) == '\n') {
				end = i;
				break;
			}
		}
		if (end < 0 || payload.slice(start, end + 1 - start).equals(this.originBuffer)) {
			return;
		}
		byte[] frame = new byte[payload.limit() - end - 1];
		payload.get(end + 1, frame);
		this.listener.received();
		this.channels.publishHere(channel, frame);
	}

	private void command(byte[] payload) {
		BrokerCommand command;
		try {
			command = this.json.readValue(payload, BrokerCommand.class);
		}
		catch (RuntimeException ex) {
			logger.warn("An unreadable broker command was ignored: " + ex.getMessage());
			return;
		}
		String socket = command.socket();
		switch (command.op()) {
			case "send" -> {
				if (socket != null && command.frame() != null) {
					this.channels.sendHere(socket, command.frame().getBytes(StandardCharsets.UTF_8));
				}
			}
			case "subscribe", "unsubscribe" -> {
				if (socket != null && command.channel() != null) {
					this.channels.subscriptionHere(socket, command.channel(), command.op().equals("subscribe"));
				}
			}
			case "copy" -> {
				if (!command.origin().equals(this.instanceId) && command.channel() != null && command.to() != null) {
					this.channels.copySubscriptionsHere(command.channel(), command.to());
				}
			}
			case "close" -> {
				if (socket != null) {
					this.channels.closeHere(socket, command.code(), (command.reason() != null) ? command.reason() : "");
				}
			}
			case "probe" -> probed(command);
			default -> logger.warn("An unknown broker command was ignored: " + command.op());
		}
	}

	private void probed(BrokerCommand command) {
		String token = command.frame();
		Probe probe = (token != null && command.origin().equals(this.instanceId)) ? this.probes.remove(token) : null;
		if (probe != null) {
			Duration roundTrip = Duration.ofNanos(System.nanoTime() - probe.sent());
			this.listener.probed(roundTrip);
			probe.sink().success(roundTrip);
		}
	}

	/**
	 * Sends a command to the instance that holds the socket.
	 * @return whether an instance listens there and got it
	 */
	private Mono<Boolean> command(String socketId, BrokerCommand command) {
		String instance = LocalRunnerChannels.instanceOf(socketId);
		return (instance != null) ? send(this.prefix + "instance:" + instance, command) : Mono.just(false);
	}

	private Mono<Boolean> send(String redisChannel, BrokerCommand command) {
		if (!this.available) {
			this.listener.failed(command.op());
			return Mono.just(false);
		}
		return this.redis.convertAndSend(redisChannel, this.json.writeValueAsBytes(command))
			.map((receivers) -> receivers > 0)
			.onErrorResume((ex) -> {
				this.listener.failed(command.op());
				logger.warn("A " + command.op() + " command did not reach the broker: " + ex);
				return Mono.just(false);
			});
	}


	private static ByteBuffer bytes(String name) {
		return ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A probe on its way: who waits for it, and when it was sent ({@link System#nanoTime()}).
	 */
	private record Probe(MonoSink<Duration> sink, long sent) {
	}

}
