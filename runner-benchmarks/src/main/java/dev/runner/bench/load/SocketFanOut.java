package dev.runner.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

/**
 * The fan-out workload: one publisher socket publishes at most one message per millisecond on channel
 * {@value #CHANNEL}, with at most {@code window} publications not yet received by every subscriber (so a server that
 * cannot deliver 1,000 per millisecond per subscriber is measured at its own pace, with bounded queues, instead of
 * piling up messages); every subscriber socket counts the messages it receives and the publish-to-receive latency
 * (both clocks are this process's {@link System#nanoTime()}). Every server delivers exactly the same bytes,
 * {@link #message(long)}: the starter builds them from the publisher's {@code publish} frame, the broadcasters relay
 * the publisher's frame as it is. A publication not received by every subscriber within 10 s is given up and counted
 * ({@code lost}). State lives on the client's event loop.
 *
 * @since 0.1.0
 */
final class SocketFanOut implements SocketFrames {

	/** The channel of the publications. */
	static final String CHANNEL = "bench.fan";

	private static final String TEXT = "a chat-sized line of text, the same bytes from every server";

	private static final byte[] MESSAGE = ("{\"type\":\"message\",\"channel\":\"" + CHANNEL + "\",\"data\":{\"s\":")
		.getBytes(StandardCharsets.UTF_8);

	private static final int MESSAGE_SUFFIX = (",\"text\":\"" + TEXT + "\"}}").length();

	private static final int RING = 1 << 12;

	private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final boolean publishFrames;

	private final int window;

	private final long[] sentAt = new long[RING];

	private final int[] received = new int[RING];

	private final Histogram latencyMicros = new Histogram(60_000_000L, 3);

	private ClientSocket publisher;

	private int subscribers;

	private long next;

	private long oldest;

	private int outstanding;

	private long delivered;

	private long completed;

	private long lost;

	private long wrong;

	private ScheduledFuture<?> ticker;

	private String firstMessage;

	/**
	 * A fan-out.
	 * @param publishFrames whether the publisher sends {@code publish} frames (the starter) or the message itself (the
	 * broadcasters)
	 * @param window most publications not yet received by every subscriber, below 1024 (the outbound queues)
	 */
	SocketFanOut(boolean publishFrames, int window) {
		this.publishFrames = publishFrames;
		this.window = window;
	}

	/**
	 * The frame every subscriber receives for a publication.
	 * @param sequence the publication's number
	 * @return the frame
	 */
	static String message(long sequence) {
		return "{\"type\":\"message\",\"channel\":\"" + CHANNEL + "\",\"data\":{\"s\":" + sequence + ",\"text\":\"" + TEXT
				+ "\"}}";
	}

	/**
	 * The frame the publisher sends for a publication.
	 * @param sequence the publication's number
	 * @return the frame
	 */
	String publication(long sequence) {
		if (!this.publishFrames) {
			return message(sequence);
		}
		return "{\"type\":\"publish\",\"id\":\"p" + sequence + "\",\"channel\":\"" + CHANNEL + "\",\"data\":{\"s\":"
				+ sequence + ",\"text\":\"" + TEXT + "\"}}";
	}

	/**
	 * The subscribe frame of the starter's subscribers.
	 * @return the frame
	 */
	static String subscribe() {
		return "{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"" + CHANNEL + "\"}";
	}

	/**
	 * Starts publishing; call on the event loop.
	 * @param loop the client's event loop
	 * @param publisher the publishing socket
	 * @param subscribers how many sockets receive each publication
	 */
	void start(EventLoop loop, ClientSocket publisher, int subscribers) {
		this.publisher = publisher;
		this.subscribers = subscribers;
		this.ticker = loop.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops publishing; publications in flight are still received. Call on the event loop.
	 */
	void stop() {
		if (this.ticker != null) {
			this.ticker.cancel(false);
			this.ticker = null;
		}
	}

	/**
	 * Publications not yet received by every subscriber nor given up; call on the event loop.
	 * @return the count
	 */
	int outstanding() {
		return this.outstanding;
	}

	/**
	 * The first message a subscriber received, as it came, to be checked against {@link #message(long)}; call on the
	 * event loop.
	 * @return the frame, {@code null} before the first
	 */
	String firstMessage() {
		return this.firstMessage;
	}

	/**
	 * Takes the counts since the last call and starts new ones; call on the event loop.
	 * @return the counts
	 */
	Counts take() {
		Counts counts = new Counts(this.delivered, this.completed, this.lost, this.wrong, this.latencyMicros.copy());
		this.delivered = 0;
		this.completed = 0;
		this.lost = 0;
		this.wrong = 0;
		this.latencyMicros.reset();
		return counts;
	}

	private void tick() {
		long now = System.nanoTime();
		while (this.oldest < this.next && this.received[slot(this.oldest)] < 0) {
			this.oldest++;
		}
		if (this.oldest < this.next && now - this.sentAt[slot(this.oldest)] > GIVE_UP_NANOS) {
			this.received[slot(this.oldest)] = -1;
			this.outstanding--;
			this.lost++;
		}
		if (this.outstanding < this.window && this.publisher.isOpen()) {
			long sequence = this.next++;
			this.sentAt[slot(sequence)] = now;
			this.received[slot(sequence)] = 0;
			this.outstanding++;
			this.publisher.write(publication(sequence));
			this.publisher.flush();
		}
	}

	@Override
	public void frame(ClientSocket socket, ByteBuf text) {
		if (socket == this.publisher || !SocketFrames.startsWith(text, MESSAGE)) {
			return;
		}
		long now = System.nanoTime();
		long sequence = SocketFrames.number(text, MESSAGE.length);
		if (sequence < 0 || sequence >= this.next
				|| text.readableBytes() != MESSAGE.length + digits(sequence) + MESSAGE_SUFFIX) {
			this.wrong++;
			return;
		}
		if (this.firstMessage == null) {
			this.firstMessage = text.toString(StandardCharsets.UTF_8);
		}
		int slot = slot(sequence);
		this.delivered++;
		this.latencyMicros.recordValue(Math.min((now - this.sentAt[slot]) / 1000, 60_000_000L));
		if (this.received[slot] >= 0 && ++this.received[slot] == this.subscribers) {
			this.received[slot] = -1;
			this.outstanding--;
			this.completed++;
		}
	}

	private static int slot(long sequence) {
		return (int) (sequence & (RING - 1));
	}

	private static int digits(long value) {
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		return digits;
	}

	/**
	 * What a measurement counted.
	 * @param delivered messages received, all subscribers together
	 * @param completed publications received by every subscriber
	 * @param lost publications given up after 10 s
	 * @param wrong messages of an unexpected shape or length
	 * @param latencyMicros publish-to-receive latencies of every delivered message, in microseconds
	 */
	record Counts(long delivered, long completed, long lost, long wrong, Histogram latencyMicros) {
	}

}
