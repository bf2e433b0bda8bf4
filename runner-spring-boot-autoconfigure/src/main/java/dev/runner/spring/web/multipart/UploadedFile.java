package dev.runner.spring.web.multipart;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.spring.RunnerFile;
import dev.runner.spring.serializer.JsValues;

/**
 * The {@link RunnerFile} of one file id of a multipart call. Its metadata comes from the manifest sentinel, completed
 * by the part's headers when the part arrives; its content is handed out by the {@link MultipartCall}, which owns
 * the state of the part (fields marked as such are guarded by the call's lock).
 */
final class UploadedFile implements RunnerFile {

	private static final String DEFAULT_NAME = "upload";

	private static final String DEFAULT_TYPE = "text/plain";

	final String id;

	private final MultipartCall call;

	private final @Nullable String metaName;

	private final @Nullable String metaType;

	private final OptionalLong size;

	private final Optional<Instant> lastModified;

	private final Map<String, Object> extra;

	private final AtomicBoolean read = new AtomicBoolean();

	private volatile @Nullable String partName;

	private volatile @Nullable String partType;

	/** Whether the part of this file arrived (guarded by the call). */
	boolean received;

	/** The part, when it is the current one and nobody reads it yet (guarded by the call). */
	@Nullable PartContent live;

	/** The part written to disk (guarded by the call). */
	@Nullable Spool spool;

	/** Gets the part for the reader waiting for it to arrive (guarded by the call). */
	Sinks.@Nullable One<Flux<DataBuffer>> waiting;

	/** Whether the part was, or is to be, discarded unread (guarded by the call). */
	boolean discarded;

	UploadedFile(String id, MultipartCall call, @Nullable Map<?, ?> meta) {
		this.id = id;
		this.call = call;
		Map<?, ?> values = (meta != null) ? meta : Map.of();
		this.metaName = (values.get("name") instanceof String name) ? name : null;
		this.metaType = (values.get("type") instanceof String type) ? type : null;
		this.size = (values.get("size") instanceof Number number) ? OptionalLong.of(number.longValue())
				: OptionalLong.empty();
		this.lastModified = (values.get("lastModified") instanceof Number number)
				? Optional.of(Instant.ofEpochMilli(number.longValue())) : Optional.empty();
		Map<String, Object> extra = JsValues.asPlainObject(values.get("extra"));
		this.extra = (extra != null) ? Collections.unmodifiableMap(extra) : Map.of();
	}

	/**
	 * Takes the name and type the part's headers give, used when the manifest has none.
	 */
	void partArrived(@Nullable String filename, @Nullable String contentType) {
		this.partName = filename;
		this.partType = contentType;
	}

	@Override
	public String name() {
		if (this.metaName != null) {
			return this.metaName;
		}
		String name = this.partName;
		return (name != null) ? name : DEFAULT_NAME;
	}

	@Override
	public String contentType() {
		if (this.metaType != null) {
			return this.metaType;
		}
		String type = this.partType;
		return (type != null) ? type : DEFAULT_TYPE;
	}

	@Override
	public OptionalLong size() {
		return this.size;
	}

	@Override
	public Optional<Instant> lastModified() {
		return this.lastModified;
	}

	@Override
	public Map<String, Object> extra() {
		return this.extra;
	}

	@Override
	public Flux<DataBuffer> content() {
		return new Flux<>() {

			@Override
			public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
				if (!UploadedFile.this.read.compareAndSet(false, true)) {
					Operators.error(actual,
							new IllegalStateException("The content of file " + UploadedFile.this.id + " was read"));
					return;
				}
				UploadedFile.this.call.attach(UploadedFile.this, actual);
			}

		};
	}

	@Override
	public String toString() {
		return "RunnerFile[id=" + this.id + ", name=" + name() + ", type=" + contentType() + "]";
	}

}
