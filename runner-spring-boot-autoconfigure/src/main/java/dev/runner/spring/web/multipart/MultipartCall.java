package dev.runner.spring.web.multipart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.PartEvent;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * One multipart task call (docs/tunnel-http.md §3.3), driven by the stream of part events: counts and classifies the
 * parts ({@link PartCounter}, {@link PartHead}), decodes the manifest and starts the task with its input, routes each
 * referenced file part through its {@link FileSlot}, and discards the rest. The answer joins two outcomes with
 * Reactor: the body, read to its end and checked against the manifest (or the first refusal, which wins), then the
 * task's.
 * <p>
 * Parts are read one event at a time, as their readers ask. A file part waits as the current part until its reader
 * subscribes; it is spooled to a temporary file instead when another file is wanted first, when it precedes the
 * manifest, or when the task answered with a stream (which may still read it); once the task answered otherwise,
 * unread parts are dropped. The lock of this object guards the routing state shared by the thread of the part events,
 * the task and the readers; nothing is called out under it but the non-blocking start of a spool.
 */
final class MultipartCall extends BaseSubscriber<PartEvent> {

	private static final Runnable NOTHING = () -> {
	};

	private final RunnerSerializer serializer;

	private final DataBufferFactory bufferFactory;

	private final Function<@Nullable Object, Mono<Object>> task;

	private final Predicate<Object> streams;

	private final PartCounter counter;

	/** Completes once the body was read and holds every file the manifest names; fails with the first refusal. */
	private final Sinks.Empty<Void> body = Sinks.empty();

	/** The task's result (empty for {@code null}), or its failure. */
	private final Sinks.One<Optional<Object>> outcome = Sinks.one();

	private final List<Spool> spools = new ArrayList<>();

	private final Map<String, UploadedFile> files = new LinkedHashMap<>();

	private final Map<String, EarlyPart> earlyParts = new LinkedHashMap<>();

	private @Nullable PartContent current;

	/** The slot whose part is the current part, waiting for its reader. */
	private @Nullable FileSlot liveSlot;

	private boolean manifestSeen;

	private boolean manifestParsed;

	/** Whether the part events are complete; the current part may still have its last event to deliver. */
	private boolean eventsComplete;

	private boolean bodyRead;

	private TaskAnswer answer = TaskAnswer.PENDING;

	private @Nullable Disposable taskSubscription;

	private @Nullable Throwable failure;

	MultipartCall(RunnerSerializer serializer, MultipartLimits limits, DataBufferFactory bufferFactory,
			Function<@Nullable Object, Mono<Object>> task, Predicate<Object> streams) {
		this.serializer = serializer;
		this.bufferFactory = bufferFactory;
		this.task = task;
		this.streams = streams;
		this.counter = new PartCounter(limits);
	}

	/**
	 * Reads the parts and runs the task.
	 * @return the task's result (empty for {@code null}) once the body has been read; a refusal of the request, or
	 * the task's failure. Signalled on another thread than the part events: answering from within an emission of
	 * Spring's multipart parser ends the request body under it, which makes it release buffers twice.
	 */
	Mono<Optional<Object>> run(Flux<PartEvent> events) {
		return Mono.defer(() -> {
			events.subscribe(this);
			return this.body.asMono().then(this.outcome.asMono());
		})
			.doOnCancel(() -> fail(new CancellationException("The request was cancelled")))
			.publishOn(Schedulers.parallel());
	}

	/**
	 * Deletes the temporary files; called once the response has been written.
	 */
	void cleanup() {
		List<Spool> all;
		synchronized (this) {
			all = new ArrayList<>(this.spools);
		}
		all.forEach(Spool::delete);
	}

	// Part events

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		subscription.request(1);
	}

	@Override
	protected void hookOnNext(PartEvent event) {
		PartContent part;
		synchronized (this) {
			if (this.failure != null) {
				DataBufferUtils.release(event.content());
				return;
			}
			part = this.current;
		}
		if (part == null) {
			part = startPart(event);
		}
		if (part != null) {
			part.offer(event);
		}
	}

	@Override
	protected void hookOnError(Throwable error) {
		fail(MultipartRefusals.of(error));
	}

	@Override
	protected void hookOnComplete() {
		synchronized (this) {
			this.eventsComplete = true;
			if (this.current != null) {
				return; // the last event of the last part is still to be read
			}
		}
		bodyDone();
	}

	/**
	 * Asks for the next part event, for the current part's reader.
	 */
	void requestNext() {
		request(1);
	}

	/**
	 * The last event of the current part has been delivered: moves on to the next part.
	 */
	void partEnded(PartContent part) {
		boolean last;
		synchronized (this) {
			if (this.current == part) {
				this.current = null;
			}
			if (this.failure != null) {
				return;
			}
			last = this.eventsComplete;
		}
		if (last) {
			bodyDone();
		}
		else {
			request(1);
		}
	}

	/**
	 * The body has been read and its last part handled: checks what the manifest promised.
	 */
	private void bodyDone() {
		RunnerRejectedException refused = null;
		synchronized (this) {
			if (this.failure != null) {
				return;
			}
			if (!this.manifestParsed) {
				refused = MultipartRefusals.missingManifest();
			}
			else if (this.files.values().stream().anyMatch((file) -> !file.slot().isReceived())) {
				refused = MultipartRefusals.missingFilePart();
			}
			else {
				this.bodyRead = true;
			}
		}
		if (refused != null) {
			fail(refused);
		}
		else {
			this.body.tryEmitEmpty();
		}
	}

	private @Nullable PartContent startPart(PartEvent event) {
		PartHead head;
		try {
			head = PartHead.of(event.headers());
		}
		catch (RunnerRejectedException ex) {
			DataBufferUtils.release(event.content());
			fail(ex);
			return null;
		}
		RunnerRejectedException refused;
		PartContent part = null;
		Runnable action = NOTHING;
		synchronized (this) {
			if (this.failure != null) {
				DataBufferUtils.release(event.content());
				return null;
			}
			refused = this.counter.count(head.file());
			if (refused == null) {
				part = new PartContent(this, this.counter.sizeLimit(head.file()), this.counter.tooLarge(head.file()));
				this.current = part;
				action = head.file() ? filePart(part, head) : fieldPart(part, head);
			}
		}
		if (refused != null) {
			DataBufferUtils.release(event.content());
			fail(refused);
			return null;
		}
		action.run();
		return part;
	}

	/**
	 * Decides what becomes of a field part (guarded): the manifest is decoded, other fields are discarded.
	 */
	private Runnable fieldPart(PartContent part, PartHead head) {
		if (!head.isManifest()) {
			return part::discard;
		}
		if (this.manifestSeen) {
			return () -> fail(MultipartRefusals.invalidManifest());
		}
		this.manifestSeen = true;
		return () -> DataBufferUtils.join(part).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty("").subscribe(this::manifest, (ex) -> fail(MultipartRefusals.of(ex)));
	}

	/**
	 * Decides what becomes of a file part (guarded): handed to its waiting reader, left waiting for one as the
	 * current part, spooled, or discarded.
	 */
	private Runnable filePart(PartContent part, PartHead head) {
		String id = head.fileId();
		if (id == null) {
			return part::discard;
		}
		if (!this.manifestParsed) {
			if (this.earlyParts.containsKey(id)) {
				return part::discard;
			}
			this.earlyParts.put(id, new EarlyPart(spool(part), head));
			return NOTHING;
		}
		UploadedFile file = this.files.get(id);
		FileSlot slot = (file != null) ? file.slot() : null;
		if (slot == null || slot.isReceived()) {
			return part::discard;
		}
		if (slot.state() == FileSlot.State.AWAITED) {
			Sinks.One<Flux<DataBuffer>> reader = slot.arrivedForReader(head);
			return () -> {
				if (reader.tryEmitValue(part).isFailure()) {
					part.discard();
				}
			};
		}
		if (slot.state() == FileSlot.State.ABANDONED || this.answer == TaskAnswer.VALUE) {
			slot.arrivedDropped(head);
			return part::discard;
		}
		if (this.answer == TaskAnswer.STREAM || this.files.values().stream().anyMatch((f) -> f.slot().isAwaited())) {
			slot.arrivedSpooled(head, spool(part));
			return NOTHING;
		}
		slot.arrivedLive(head, part);
		this.liveSlot = slot;
		return NOTHING;
	}

	private Spool spool(PartContent part) {
		Spool spool = new Spool(part, (ex) -> fail(MultipartRefusals.streamError()));
		this.spools.add(spool);
		return spool;
	}

	// Manifest and task

	private void manifest(String text) {
		Manifest manifest;
		try {
			manifest = Manifest.decode(text, this.serializer, (id, meta) -> new UploadedFile(id, meta, this));
		}
		catch (RunnerRejectedException ex) {
			fail(ex);
			return;
		}
		RunnerRejectedException tooMany = this.counter.checkManifestFiles(manifest.files().size());
		if (tooMany != null) {
			fail(tooMany);
			return;
		}
		List<Spool> unreferenced = new ArrayList<>();
		synchronized (this) {
			if (this.failure != null) {
				return;
			}
			this.manifestParsed = true;
			this.files.putAll(manifest.files());
			this.earlyParts.forEach((id, early) -> {
				UploadedFile file = this.files.get(id);
				if (file == null) {
					unreferenced.add(early.spool());
				}
				else {
					file.slot().arrivedSpooled(early.head(), early.spool());
				}
			});
			this.earlyParts.clear();
		}
		unreferenced.forEach(Spool::delete);
		Disposable subscription = Mono.defer(() -> this.task.apply(manifest.input()))
			.singleOptional()
			.subscribe(this::taskSucceeded, this::taskFailed);
		synchronized (this) {
			if (this.failure == null) {
				this.taskSubscription = subscription;
				return;
			}
		}
		subscription.dispose();
	}

	private void taskSucceeded(Optional<Object> result) {
		if (answered(result.isPresent() && this.streams.test(result.get()))) {
			this.outcome.tryEmitValue(result);
		}
	}

	private void taskFailed(Throwable error) {
		if (answered(false)) {
			this.outcome.tryEmitError(error);
		}
	}

	/**
	 * The task answered: the current part, if nobody reads it, is spooled for a stream answer, else dropped.
	 * @return whether the call still goes on
	 */
	private boolean answered(boolean stream) {
		PartContent dropped = null;
		synchronized (this) {
			if (this.failure != null) {
				return false;
			}
			this.answer = stream ? TaskAnswer.STREAM : TaskAnswer.VALUE;
			FileSlot slot = this.liveSlot;
			if (slot != null && slot.state() == FileSlot.State.LIVE) {
				this.liveSlot = null;
				if (stream) {
					slot.spoolLive(this::spool);
				}
				else {
					dropped = slot.dropLive();
				}
			}
		}
		if (dropped != null) {
			dropped.discard();
		}
		return true;
	}

	// Readers

	/**
	 * Connects the reader of a file to its bytes: the current part, the spooled part, or the part still to come.
	 */
	void attach(UploadedFile file, CoreSubscriber<? super DataBuffer> reader) {
		FileSlot slot = file.slot();
		Flux<DataBuffer> source;
		synchronized (this) {
			if (this.failure != null) {
				source = Flux.error(this.failure);
			}
			else if (slot.state() == FileSlot.State.LIVE) {
				source = slot.readLive();
				this.liveSlot = null;
			}
			else if (slot.state() == FileSlot.State.SPOOLED) {
				source = slot.readSpool().read(this.bufferFactory);
			}
			else if (slot.state() == FileSlot.State.EXPECTED) {
				Sinks.One<Flux<DataBuffer>> waiting = Sinks.one();
				slot.await(waiting);
				source = waiting.asMono().flatMapMany(Function.identity()).doOnCancel(() -> readerGone(slot, waiting));
				FileSlot blocking = this.liveSlot;
				if (blocking != null && blocking.state() == FileSlot.State.LIVE) {
					blocking.spoolLive(this::spool);
					this.liveSlot = null;
				}
			}
			else {
				source = Flux.error(new IllegalStateException(
						"The content of file " + file.id() + " was discarded: the task answered without reading it"));
			}
		}
		source.subscribe(reader);
	}

	private synchronized void readerGone(FileSlot slot, Sinks.One<Flux<DataBuffer>> waiting) {
		slot.abandon(waiting);
	}

	// Failure

	/**
	 * Ends the call with a failure, unless it has an outcome already: drops the rest of the body, cancels the task,
	 * fails the readers and the body.
	 */
	void fail(Throwable error) {
		PartContent part;
		Disposable task;
		List<Sinks.One<Flux<DataBuffer>>> readers = new ArrayList<>();
		synchronized (this) {
			if (this.failure != null || (this.bodyRead && this.answer != TaskAnswer.PENDING)) {
				return;
			}
			this.failure = error;
			part = this.current;
			task = this.taskSubscription;
			this.files.values().forEach((file) -> {
				Sinks.One<Flux<DataBuffer>> reader = file.slot().takeReader();
				if (reader != null) {
					readers.add(reader);
				}
			});
			this.earlyParts.clear();
		}
		// Read the rest of the body and drop it, asking from another thread: Spring's multipart parser releases
		// buffers twice when it is cancelled, or re-entered by a request for more, while it emits.
		Schedulers.parallel().schedule(() -> request(Long.MAX_VALUE));
		if (task != null) {
			task.dispose();
		}
		if (part != null) {
			part.fail(error);
		}
		readers.forEach((reader) -> reader.tryEmitError(error));
		this.body.tryEmitError(error);
	}

	/**
	 * What the task answered, as far as the parts still to come care.
	 */
	private enum TaskAnswer {

		/** Not yet: parts wait for their readers. */
		PENDING,

		/** A stream, which may still read files: parts are spooled. */
		STREAM,

		/** A value or a failure: parts are dropped. */
		VALUE

	}

	/**
	 * A file part that came before the manifest, written to disk.
	 */
	private record EarlyPart(Spool spool, PartHead head) {
	}

}
