package dev.runner.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.runner.spring.core.RunnerSocketListener;

/**
 * The socket door's meters (docs/socket.md): {@code runner.socket.connections} (gauge of open sockets),
 * {@code runner.socket.frames} (tags {@code direction} {@code in}/{@code out} and {@code type}),
 * {@code runner.socket.dropped} (frames dropped by the slow-consumer policy), {@code runner.socket.closes} (tag
 * {@code code}) and {@code runner.channel.publications} (tag {@code channel} only when channel tags are on). Counters are
 * registered once per tag value; frame types and close codes are few.
 *
 * @since 0.1.0
 */
public final class RunnerSocketMetrics implements RunnerSocketListener {

	/** Name of the gauge of open sockets. */
	public static final String CONNECTIONS = "runner.socket.connections";

	/** Name of the counter of frames. */
	public static final String FRAMES = "runner.socket.frames";

	/** Name of the counter of dropped frames. */
	public static final String DROPPED = "runner.socket.dropped";

	/** Name of the counter of closes. */
	public static final String CLOSES = "runner.socket.closes";

	/** Name of the counter of channel publications. */
	public static final String PUBLICATIONS = "runner.channel.publications";

	private final MeterRegistry registry;

	private final boolean channelTags;

	private final AtomicInteger open = new AtomicInteger();

	private final Map<String, Counter> inbound = new ConcurrentHashMap<>();

	private final Map<String, Counter> outbound = new ConcurrentHashMap<>();

	private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

	private final Map<String, Counter> publications = new ConcurrentHashMap<>();

	private final Counter dropped;

	private final @Nullable Counter untaggedPublications;

	/**
	 * Creates the meters.
	 * @param registry where they are registered
	 * @param channelTags whether publications are tagged with the channel name
	 */
	public RunnerSocketMetrics(MeterRegistry registry, boolean channelTags) {
		this.registry = registry;
		this.channelTags = channelTags;
		Gauge.builder(CONNECTIONS, this.open, AtomicInteger::get)
			.description("WebSocket connections open on the runner socket endpoint")
			.register(registry);
		this.dropped = Counter.builder(DROPPED)
			.description("Frames dropped by the slow-consumer policy")
			.register(registry);
		this.untaggedPublications = channelTags ? null : publicationCounter(null);
	}

	@Override
	public void opened() {
		this.open.incrementAndGet();
	}

	@Override
	public void closed(int code) {
		this.open.decrementAndGet();
		this.closes.computeIfAbsent(code, (value) -> Counter.builder(CLOSES)
			.description("Runner sockets closed, by close code")
			.tag("code", Integer.toString(value))
			.register(this.registry)).increment();
	}

	@Override
	public void frame(boolean inbound, String type) {
		Map<String, Counter> counters = inbound ? this.inbound : this.outbound;
		Counter counter = counters.get(type);
		if (counter == null) {
			counter = counters.computeIfAbsent(type, (value) -> Counter.builder(FRAMES)
				.description("Runner socket frames")
				.tag("direction", inbound ? "in" : "out")
				.tag("type", value)
				.register(this.registry));
		}
		counter.increment();
	}

	@Override
	public void dropped(int frames) {
		this.dropped.increment(frames);
	}

	@Override
	public void published(String channel) {
		Counter untagged = this.untaggedPublications;
		if (untagged != null) {
			untagged.increment();
		}
		else {
			this.publications.computeIfAbsent(channel, this::publicationCounter).increment();
		}
	}

	private Counter publicationCounter(@Nullable String channel) {
		Counter.Builder builder = Counter.builder(PUBLICATIONS).description("Publications on runner channels");
		if (channel != null) {
			builder.tag("channel", channel);
		}
		return builder.register(this.registry);
	}

}
