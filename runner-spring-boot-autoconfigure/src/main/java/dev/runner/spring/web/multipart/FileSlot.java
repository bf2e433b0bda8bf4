package dev.runner.spring.web.multipart;

import java.util.Arrays;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Where the content of one file id of a multipart call is, from the manifest naming it until its part reaches its
 * reader or is dropped. The call chooses the transitions (it knows the other files, the current part and the task's
 * answer); each transition checks that the state allows it. Guarded by the call's lock, except {@link #head()}.
 *
 * <pre>
 * EXPECTED --reader--> AWAITED --part--> READING
 *    |                    '--reader gone--> ABANDONED --part--> DROPPED
 *    '--part--> LIVE --reader--> READING
 *    |            |--another file wanted, or a stream answer--> SPOOLED --reader--> READING
 *    |            '--answer without a stream--> DROPPED
 *    '--part (early, or a stream answer, or another file awaited)--> SPOOLED;  --part (answered)--> DROPPED
 * </pre>
 */
final class FileSlot {

	/** The states of a slot. */
	enum State {

		/** The manifest names the file; its part has not arrived and nobody reads it. */
		EXPECTED,

		/** Its reader waits for the part to arrive. */
		AWAITED,

		/** Its reader went away before the part arrived: the part will be dropped. */
		ABANDONED,

		/** The part arrived and is the current part of the body, waiting for its reader. */
		LIVE,

		/** The part arrived and is (being) written to a temporary file. */
		SPOOLED,

		/** The part went to its reader. */
		READING,

		/** The part arrived and was dropped unread. */
		DROPPED

	}

	private State state = State.EXPECTED;

	private @Nullable PartContent live;

	private @Nullable Spool spool;

	private Sinks.@Nullable One<Flux<DataBuffer>> reader;

	private volatile @Nullable PartHead head;

	State state() {
		return this.state;
	}

	/**
	 * Returns the headers of the file's part, once it arrived.
	 * @return the headers, {@code null} before
	 */
	@Nullable PartHead head() {
		return this.head;
	}

	/**
	 * Whether the file's part arrived.
	 */
	boolean isReceived() {
		return this.state != State.EXPECTED && this.state != State.AWAITED && this.state != State.ABANDONED;
	}

	boolean isAwaited() {
		return this.state == State.AWAITED;
	}

	/**
	 * The part arrived while the reader waits: hands it over.
	 * @return the reader to give the part to
	 */
	Sinks.One<Flux<DataBuffer>> arrivedForReader(PartHead head) {
		check(State.AWAITED);
		Sinks.One<Flux<DataBuffer>> waiting = this.reader;
		this.reader = null;
		arrived(head, State.READING);
		return waiting;
	}

	/**
	 * The part arrived and stays the current part until its reader comes.
	 */
	void arrivedLive(PartHead head, PartContent part) {
		check(State.EXPECTED);
		this.live = part;
		arrived(head, State.LIVE);
	}

	/**
	 * The part arrived and goes to disk.
	 */
	void arrivedSpooled(PartHead head, Spool spool) {
		check(State.EXPECTED);
		this.spool = spool;
		arrived(head, State.SPOOLED);
	}

	/**
	 * The part arrived and is dropped: nobody will read it.
	 */
	void arrivedDropped(PartHead head) {
		check(State.EXPECTED, State.ABANDONED);
		arrived(head, State.DROPPED);
	}

	/**
	 * The current part goes to disk after all.
	 * @param spooler starts writing the part to disk
	 */
	void spoolLive(Function<PartContent, Spool> spooler) {
		this.spool = spooler.apply(takeLive());
		this.state = State.SPOOLED;
	}

	/**
	 * The current part is dropped unread.
	 * @return the part to discard
	 */
	PartContent dropLive() {
		PartContent part = takeLive();
		this.state = State.DROPPED;
		return part;
	}

	/**
	 * The reader subscribes to the current part.
	 * @return the part
	 */
	PartContent readLive() {
		PartContent part = takeLive();
		this.state = State.READING;
		return part;
	}

	/**
	 * The reader subscribes to the spooled part.
	 * @return the spool to read
	 */
	Spool readSpool() {
		check(State.SPOOLED);
		Spool spooled = this.spool;
		this.spool = null;
		this.state = State.READING;
		return spooled;
	}

	/**
	 * The reader subscribes before the part arrived.
	 */
	void await(Sinks.One<Flux<DataBuffer>> reader) {
		check(State.EXPECTED);
		this.reader = reader;
		this.state = State.AWAITED;
	}

	/**
	 * The waiting reader went away.
	 * @param reader the reader that went away
	 */
	void abandon(Sinks.One<Flux<DataBuffer>> reader) {
		if (this.state == State.AWAITED && this.reader == reader) {
			this.reader = null;
			this.state = State.ABANDONED;
		}
	}

	/**
	 * Returns the waiting reader, to fail it, leaving the slot abandoned.
	 * @return the reader, {@code null} when none waits
	 */
	Sinks.@Nullable One<Flux<DataBuffer>> takeReader() {
		Sinks.One<Flux<DataBuffer>> waiting = this.reader;
		if (waiting != null) {
			this.reader = null;
			this.state = State.ABANDONED;
		}
		return waiting;
	}

	private PartContent takeLive() {
		check(State.LIVE);
		PartContent part = this.live;
		this.live = null;
		return part;
	}

	private void arrived(PartHead head, State next) {
		this.head = head;
		this.state = next;
	}

	private void check(State... allowed) {
		for (State state : allowed) {
			if (this.state == state) {
				return;
			}
		}
		throw new IllegalStateException("File part in state " + this.state + ", expected one of "
				+ Arrays.toString(allowed));
	}

}
