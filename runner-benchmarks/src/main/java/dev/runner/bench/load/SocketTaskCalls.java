package dev.runner.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The socket's task-call workload: every socket keeps {@code inFlight} {@code task} frames in flight, each answer
 * sending the next request with the same correlation id (the slot, {@code "0"} to {@code "<inFlight - 1>"}), so the
 * server always has work queued (pipelined, closed loop). An answer of the wrong length counts as an error; the first
 * answer is checked byte for byte before anything is measured ({@link #expectedAnswer(int)}). State lives on the
 * client's event loop.
 *
 * @since 0.1.0
 */
final class SocketTaskCalls implements SocketFrames {

	private static final byte[] RESULT = "{\"type\":\"result\",\"id\":\"".getBytes(StandardCharsets.UTF_8);

	private final int inFlight;

	private final byte[][] requests;

	private final int[] answerLengths;

	private final String task;

	private final @Nullable String inputJson;

	private final String resultJson;

	private final Histogram latencyMicros = new Histogram(60_000_000L, 3);

	private boolean running;

	private long answered;

	private long errors;

	private long outstanding;

	/**
	 * A workload.
	 * @param task the task id
	 * @param inputJson the task input as JSON, {@code null} for none
	 * @param resultJson the expected result value as JSON
	 * @param inFlight requests in flight per socket
	 */
	SocketTaskCalls(String task, @Nullable String inputJson, String resultJson, int inFlight) {
		this.task = task;
		this.inputJson = inputJson;
		this.resultJson = resultJson;
		this.inFlight = inFlight;
		this.requests = new byte[inFlight][];
		this.answerLengths = new int[inFlight];
		for (int slot = 0; slot < inFlight; slot++) {
			this.requests[slot] = request(slot).getBytes(StandardCharsets.UTF_8);
			this.answerLengths[slot] = expectedAnswer(slot).getBytes(StandardCharsets.UTF_8).length;
		}
	}

	/**
	 * The socket form of an HTTP task workload: the same task, input and result.
	 * @param workload a task workload ({@code /task/...})
	 * @param inFlight requests in flight per socket
	 * @return the socket workload
	 * @throws IllegalArgumentException for an event workload
	 */
	static SocketTaskCalls of(Workload workload, int inFlight) {
		String prefix = "/task/";
		String resultPrefix = "{\"ok\":true,\"result\":";
		if (!workload.path().startsWith(prefix) || !workload.expectedBody().startsWith(resultPrefix)) {
			throw new IllegalArgumentException("the socket suite measures task workloads only, not " + workload.id());
		}
		String body = workload.requestBody();
		String inputPrefix = "{\"input\":";
		String input = body.startsWith(inputPrefix) ? body.substring(inputPrefix.length(), body.length() - 1) : null;
		String expected = workload.expectedBody();
		return new SocketTaskCalls(workload.path().substring(prefix.length()), input,
				expected.substring(resultPrefix.length(), expected.length() - 1), inFlight);
	}

	/**
	 * The request frame of one slot.
	 * @param slot the slot
	 * @return the frame
	 */
	String request(int slot) {
		return "{\"type\":\"task\",\"id\":\"" + slot + "\",\"task\":\"" + this.task + "\""
				+ ((this.inputJson != null) ? ",\"input\":" + this.inputJson : "") + "}";
	}

	/**
	 * The answer frame a correct server sends for one slot.
	 * @param slot the slot
	 * @return the frame
	 */
	String expectedAnswer(int slot) {
		return "{\"type\":\"result\",\"id\":\"" + slot + "\",\"ok\":true,\"result\":" + this.resultJson + "}";
	}

	/**
	 * Starts the load on every socket; call on the event loop.
	 * @param sockets the sockets, all on the client's loop
	 */
	void start(List<ClientSocket> sockets) {
		this.running = true;
		long now = System.nanoTime();
		for (ClientSocket socket : sockets) {
			long[] sentAt = new long[this.inFlight];
			socket.state = sentAt;
			socket.frames(this);
			for (int slot = 0; slot < this.inFlight; slot++) {
				socket.write(this.requests[slot]);
				sentAt[slot] = now;
				this.outstanding++;
			}
			socket.flush();
		}
	}

	/**
	 * Stops sending; answers still in flight are received. Call on the event loop.
	 * @return requests still in flight
	 */
	long stop() {
		this.running = false;
		return this.outstanding;
	}

	/**
	 * Requests still in flight; call on the event loop.
	 * @return the count
	 */
	long outstanding() {
		return this.outstanding;
	}

	/**
	 * Takes the counts since the last call and starts new ones; call on the event loop.
	 * @return the counts
	 */
	Counts take() {
		Counts counts = new Counts(this.answered, this.errors, this.latencyMicros.copy());
		this.answered = 0;
		this.errors = 0;
		this.latencyMicros.reset();
		return counts;
	}

	@Override
	public void frame(ClientSocket socket, ByteBuf text) {
		if (!SocketFrames.startsWith(text, RESULT)) {
			return;
		}
		long now = System.nanoTime();
		int slot = (int) SocketFrames.number(text, RESULT.length);
		if (slot < 0 || slot >= this.inFlight || !(socket.state instanceof long[] sentAt)) {
			this.errors++;
			return;
		}
		this.outstanding--;
		if (text.readableBytes() == this.answerLengths[slot]) {
			this.answered++;
			this.latencyMicros.recordValue(Math.min((now - sentAt[slot]) / 1000, 60_000_000L));
		}
		else {
			this.errors++;
		}
		if (this.running) {
			socket.write(this.requests[slot]);
			sentAt[slot] = now;
			this.outstanding++;
		}
	}

	/**
	 * What a measurement counted.
	 * @param answered correct answers
	 * @param errors wrong or unexpected answers
	 * @param latencyMicros request-to-answer latencies in microseconds
	 */
	record Counts(long answered, long errors, Histogram latencyMicros) {
	}

}
