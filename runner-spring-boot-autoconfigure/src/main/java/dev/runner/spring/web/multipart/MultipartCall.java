package dev.runner.spring.web.multipart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.codec.multipart.PartEvent;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * One multipart task call (docs/tunnel-http.md §3.3), driven by the stream of part events: classifies and counts the parts
 * as the Node parser does, decodes the manifest and starts the task with its input, hands each referenced file part
 * to its {@link UploadedFile}, discards the rest, and answers with the task's outcome once the whole body has been
 * read, or with the first protocol failure, which wins over the task's outcome.
 * <p>
 * Parts are read one event at a time, as their readers ask. A file part waits as the current part until its reader
 * subscribes; it is written to a temporary file instead when a later part is wanted first, when it precedes the
 * manifest, or when the task has answered with a stream (which may still read it). Once the task has answered
 * otherwise, unread parts are discarded. The lock of this object guards the state shared by the thread of the part
 * events, the task and the readers; nothing is called out under it but the non-blocking start of a spool.
 */
final class MultipartCall extends BaseSubscriber<PartEvent> {

	private static final String MANIFEST = "__manifest";

	private static final String FILE_PREFIX = "file:";

	private static final String OCTET_STREAM = "application/octet-stream";

	private static final Runnable NOTHING = () -> {
	};

	private final RunnerSerializer serializer;

	private final MultipartLimits limits;

	private final DataBufferFactory bufferFactory;

	private final Function<@Nullable Object, Mono<Object>> task;

	private final Predicate<Object> streams;

	private final List<Spool> spools = new ArrayList<>();

	private final Map<String, UploadedFile> files = new LinkedHashMap<>();

	private final Map<String, EarlyPart> earlyParts = new LinkedHashMap<>();

	private @Nullable MonoSink<Optional<Object>> sink;

	private @Nullable PartContent current;

	/** The file whose part is the current one, waiting for its reader. */
	private @Nullable UploadedFile liveFile;

	private int partCount;

	private int fileCount;

	private int fieldCount;

	private boolean manifestSeen;

	private boolean manifestParsed;

	/** Whether the part events are complete; the current part may still have its last event to deliver. */
	private boolean bodyRead;

	private boolean partsDone;

	private boolean taskDone;

	private Optional<Object> taskResult = Optional.empty();

	private @Nullable Throwable taskError;

	private boolean streamResult;

	private @Nullable Disposable taskSubscription;

	private boolean finished;

	private @Nullable Throwable failure;

	MultipartCall(RunnerSerializer serializer, MultipartLimits limits, DataBufferFactory bufferFactory,
			Function<@Nullable Object, Mono<Object>> task, Predicate<Object> streams) {
		this.serializer = serializer;
		this.limits = limits;
		this.bufferFactory = bufferFactory;
		this.task = task;
		this.streams = streams;
	}

	/**
	 * Reads the parts and runs the task.
	 * @return the task's result once the body has been read (empty for {@code null}); a {@link RunnerRejectedException} for a refused request,
	 * or the task's error. Signalled on another thread than the part events: answering from within an emission of
	 * Spring's multipart parser ends the request body under it, which makes it release buffers twice.
	 */
	Mono<Optional<Object>> run(Flux<PartEvent> events) {
		return Mono.<Optional<Object>>create((sink) -> {
			this.sink = sink;
			sink.onCancel(() -> fail(new CancellationException("The request was cancelled"), false));
			events.subscribe(this);
		}).publishOn(Schedulers.parallel());
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
		fail(refusal(error), true);
	}

	@Override
	protected void hookOnComplete() {
		synchronized (this) {
			this.bodyRead = true;
			if (this.current != null) {
				return; // the last event of the last part is still to be read
			}
		}
		bodyDone();
	}

	/**
	 * The body has been read and its last part handled: checks what the manifest promised.
	 */
	private void bodyDone() {
		RunnerRejectedException refused = null;
		Runnable answer = NOTHING;
		synchronized (this) {
			if (this.finished) {
				return;
			}
			if (!this.manifestParsed) {
				refused = MultipartRefusals.missingManifest();
			}
			else if (this.files.values().stream().anyMatch((file) -> !file.received)) {
				refused = MultipartRefusals.missingFilePart();
			}
			else {
				this.partsDone = true;
				answer = answerIfDone();
			}
		}
		if (refused != null) {
			fail(refused, true);
		}
		answer.run();
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
			last = this.bodyRead;
		}
		if (last) {
			bodyDone();
		}
		else {
			request(1);
		}
	}

	private @Nullable PartContent startPart(PartEvent event) {
		HttpHeaders headers = event.headers();
		ContentDisposition disposition;
		try {
			disposition = headers.getContentDisposition();
		}
		catch (IllegalArgumentException ex) {
			DataBufferUtils.release(event.content());
			fail(MultipartRefusals.invalid(), true);
			return null;
		}
		String name = (disposition.getName() != null) ? disposition.getName() : "";
		String filename = disposition.getFilename();
		String contentType = mediaType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
		boolean file = (filename != null && !filename.isEmpty()) || OCTET_STREAM.equals(contentType);
		RunnerRejectedException refused;
		PartContent part = null;
		Runnable action = NOTHING;
		synchronized (this) {
			if (this.failure != null) {
				DataBufferUtils.release(event.content());
				return null;
			}
			refused = count(file);
			if (refused == null) {
				part = file ? new PartContent(this, this.limits.maxFileSize(), MultipartRefusals.tooLarge("File size"))
						: new PartContent(this, this.limits.maxFieldSize(), MultipartRefusals.tooLarge("Field"));
				this.current = part;
				action = file ? filePart(part, name, basename(filename), contentType) : fieldPart(part, name);
			}
		}
		if (refused != null) {
			DataBufferUtils.release(event.content());
			fail(refused, true);
			return null;
		}
		action.run();
		return part;
	}

	private @Nullable RunnerRejectedException count(boolean file) {
		if (++this.partCount > this.limits.maxParts()) {
			return MultipartRefusals.tooLarge("Parts");
		}
		if (file && ++this.fileCount > this.limits.maxFiles()) {
			return MultipartRefusals.tooLarge("Files");
		}
		if (!file && ++this.fieldCount > this.limits.maxFields()) {
			return MultipartRefusals.tooLarge("Fields");
		}
		return null;
	}

	/**
	 * Decides what becomes of a field part: the manifest is decoded, other fields are discarded.
	 */
	private Runnable fieldPart(PartContent part, String name) {
		if (!MANIFEST.equals(name)) {
			return part::discard;
		}
		if (this.manifestSeen) {
			return () -> fail(MultipartRefusals.invalidManifest(), true);
		}
		this.manifestSeen = true;
		return () -> DataBufferUtils.join(part).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty("").subscribe(this::manifest, (ex) -> fail(refusal(ex), true));
	}

	/**
	 * Decides what becomes of a file part (guarded): streamed to its reader, left waiting for one, spooled or
	 * discarded.
	 */
	private Runnable filePart(PartContent part, String name, @Nullable String filename, @Nullable String type) {
		if (!name.startsWith(FILE_PREFIX)) {
			return part::discard;
		}
		String id = name.substring(FILE_PREFIX.length());
		if (!this.manifestParsed) {
			if (this.earlyParts.containsKey(id)) {
				return part::discard;
			}
			this.earlyParts.put(id, new EarlyPart(spool(part), filename, type));
			return NOTHING;
		}
		UploadedFile file = this.files.get(id);
		if (file == null || file.received) {
			return part::discard;
		}
		file.received = true;
		file.partArrived(filename, type);
		Sinks.One<Flux<DataBuffer>> reader = file.waiting;
		if (reader != null) {
			file.waiting = null;
			return () -> {
				if (reader.tryEmitValue(part).isFailure()) {
					part.discard();
				}
			};
		}
		if (this.taskDone && !this.streamResult) {
			file.discarded = true;
			return part::discard;
		}
		if (this.taskDone || this.files.values().stream().anyMatch((other) -> other.waiting != null)) {
			file.spool = spool(part);
			return NOTHING;
		}
		file.live = part;
		this.liveFile = file;
		return NOTHING;
	}

	private Spool spool(PartContent part) {
		Spool spool = new Spool(part, (ex) -> fail(MultipartRefusals.streamError(), true));
		this.spools.add(spool);
		return spool;
	}

	// Manifest and task

	private void manifest(String text) {
		Manifest manifest;
		try {
			manifest = Manifest.decode(text, this.serializer, (id, meta) -> new UploadedFile(id, this, meta));
		}
		catch (RunnerRejectedException ex) {
			fail(ex, true);
			return;
		}
		if (manifest.files().size() > this.limits.maxFiles()) {
			fail(MultipartRefusals.tooLarge("Files"), true);
			return;
		}
		List<Spool> unreferenced = new ArrayList<>();
		synchronized (this) {
			if (this.finished) {
				return;
			}
			this.manifestParsed = true;
			this.files.putAll(manifest.files());
			this.earlyParts.forEach((id, early) -> {
				UploadedFile file = this.files.get(id);
				if (file == null) {
					unreferenced.add(early.spool());
					return;
				}
				file.received = true;
				file.partArrived(early.filename(), early.type());
				file.spool = early.spool();
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
		taskDone(result, null);
	}

	private void taskFailed(Throwable error) {
		taskDone(Optional.empty(), error);
	}

	private void taskDone(Optional<Object> result, @Nullable Throwable error) {
		Runnable discard = NOTHING;
		Runnable answer;
		synchronized (this) {
			if (this.finished) {
				return;
			}
			this.taskDone = true;
			this.taskResult = result;
			this.taskError = error;
			this.streamResult = result.isPresent() && this.streams.test(result.get());
			UploadedFile file = this.liveFile;
			if (file != null && file.live != null) {
				PartContent part = file.live;
				file.live = null;
				this.liveFile = null;
				if (this.streamResult) {
					file.spool = spool(part);
				}
				else {
					file.discarded = true;
					discard = part::discard;
				}
			}
			answer = answerIfDone();
		}
		discard.run();
		answer.run();
	}

	/**
	 * Answers once both the task and the body are done (guarded).
	 */
	private Runnable answerIfDone() {
		if (!this.taskDone || !this.partsDone || this.finished) {
			return NOTHING;
		}
		this.finished = true;
		MonoSink<Optional<Object>> sink = this.sink;
		Throwable error = this.taskError;
		Optional<Object> result = this.taskResult;
		if (sink == null) {
			return NOTHING;
		}
		return (error != null) ? () -> sink.error(error) : () -> sink.success(result);
	}

	// Readers

	/**
	 * Connects the reader of a file to its bytes: the current part, the spooled part, or the part still to come.
	 */
	void attach(UploadedFile file, CoreSubscriber<? super DataBuffer> reader) {
		Flux<DataBuffer> source;
		synchronized (this) {
			if (this.failure != null) {
				source = Flux.error(this.failure);
			}
			else if (file.live != null) {
				source = file.live;
				file.live = null;
				this.liveFile = null;
			}
			else if (file.spool != null) {
				source = file.spool.read(this.bufferFactory);
			}
			else if (file.discarded || file.received || this.finished) {
				source = Flux.error(new IllegalStateException(
						"The content of file " + file.id + " was discarded: the task answered without reading it"));
			}
			else {
				Sinks.One<Flux<DataBuffer>> waiting = Sinks.one();
				file.waiting = waiting;
				source = waiting.asMono().flatMapMany(Function.identity()).doOnCancel(() -> readerGone(file, waiting));
				UploadedFile blocking = this.liveFile;
				if (blocking != null && blocking.live != null) {
					blocking.spool = spool(blocking.live);
					blocking.live = null;
					this.liveFile = null;
				}
			}
		}
		source.subscribe(reader);
	}

	private void readerGone(UploadedFile file, Sinks.One<Flux<DataBuffer>> waiting) {
		synchronized (this) {
			if (file.waiting == waiting) {
				file.waiting = null;
				file.discarded = true;
			}
		}
	}

	// Failure

	/**
	 * Ends the call with a failure, unless it has an outcome already: drops the rest of the body, cancels the task,
	 * fails the readers.
	 * @param signal whether to answer with the failure (not when the caller went away)
	 */
	void fail(Throwable error, boolean signal) {
		PartContent part;
		Disposable task;
		List<Sinks.One<Flux<DataBuffer>>> readers = new ArrayList<>();
		MonoSink<Optional<Object>> sink;
		synchronized (this) {
			if (this.finished) {
				return;
			}
			this.finished = true;
			this.failure = error;
			part = this.current;
			task = this.taskSubscription;
			this.files.values().forEach((file) -> {
				if (file.waiting != null) {
					readers.add(file.waiting);
					file.waiting = null;
				}
			});
			this.earlyParts.clear();
			sink = this.sink;
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
		if (signal && sink != null) {
			sink.error(error);
		}
	}

	/**
	 * The refusal that a failure of the part stream stands for.
	 */
	private static RunnerRejectedException refusal(Throwable error) {
		if (error instanceof RunnerRejectedException refusal) {
			return refusal;
		}
		if (error instanceof DataBufferLimitException) {
			String message = error.getMessage();
			return (message != null && message.startsWith("Part headers")) ? MultipartRefusals.invalid()
					: MultipartRefusals.tooLarge("Field");
		}
		if (error instanceof DecodingException || error instanceof InvalidMediaTypeException
				|| error instanceof IllegalArgumentException) {
			return MultipartRefusals.invalid();
		}
		return RunnerRejectedException.aborted();
	}

	private static @Nullable String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
	}

	private static @Nullable String basename(@Nullable String filename) {
		if (filename == null || filename.isEmpty()) {
			return null;
		}
		int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
		return filename.substring(slash + 1);
	}

	/**
	 * A file part that came before the manifest, written to disk.
	 */
	private record EarlyPart(Spool spool, @Nullable String filename, @Nullable String type) {
	}

}
