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

import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.spring.RunnerFile;
import dev.runner.spring.serializer.JsValues;

/**
 * The {@link RunnerFile} of one file id of a multipart call. Its metadata comes from the manifest sentinel, completed
 * by the part's headers once the part arrived ({@link FileSlot#head()}); its content is handed out by the
 * {@link MultipartCall}, from wherever the {@link FileSlot} says the part is.
 */
final class UploadedFile implements RunnerFile {

	private static final String DEFAULT_NAME = "upload";

	private static final String DEFAULT_TYPE = "text/plain";

	private final String id;

	private final MultipartCall call;

	private final FileSlot slot = new FileSlot();

	private final @Nullable String metaName;

	private final @Nullable String metaType;

	private final OptionalLong size;

	private final Optional<Instant> lastModified;

	private final Map<String, Object> extra;

	private final AtomicBoolean read = new AtomicBoolean();

	/**
	 * Creates the file of an id.
	 * @param meta the sentinel's {@code meta} object, {@code null} when it has none
	 */
	UploadedFile(String id, @Nullable Map<String, Object> meta, MultipartCall call) {
		this.id = id;
		this.call = call;
		Map<String, Object> values = (meta != null) ? meta : Map.of();
		this.metaName = (values.get("name") instanceof String name) ? name : null;
		this.metaType = (values.get("type") instanceof String type) ? type : null;
		this.size = (values.get("size") instanceof Number number) ? OptionalLong.of(number.longValue())
				: OptionalLong.empty();
		this.lastModified = (values.get("lastModified") instanceof Number number)
				? Optional.of(Instant.ofEpochMilli(number.longValue())) : Optional.empty();
		Map<String, Object> extra = JsValues.asPlainObject(values.get("extra"));
		this.extra = (extra != null) ? Collections.unmodifiableMap(extra) : Map.of();
	}

	String id() {
		return this.id;
	}

	FileSlot slot() {
		return this.slot;
	}

	@Override
	public String name() {
		if (this.metaName != null) {
			return this.metaName;
		}
		PartHead head = this.slot.head();
		return (head != null && head.filename() != null) ? head.filename() : DEFAULT_NAME;
	}

	@Override
	public String contentType() {
		if (this.metaType != null) {
			return this.metaType;
		}
		PartHead head = this.slot.head();
		return (head != null && head.contentType() != null) ? head.contentType() : DEFAULT_TYPE;
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
