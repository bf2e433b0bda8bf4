package dev.runner.spring;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.Assert;

/**
 * A file uploaded with a task call. A multipart request (docs/tunnel-http.md §3.3) replaces each file sentinel of its
 * input ({@code {"$runnerFile":"File","id":…}}, what {@code createNodeFile} and browser {@code File}s become) with a
 * {@code RunnerFile}; declare one as the input parameter, or as a field, list element or map value anywhere in the
 * input type, to receive it.
 * <p>
 * The bytes are not stored: {@link #content()} streams them from the request as they arrive, once. A handler that
 * returns without reading a file leaves it to the tunnel, which discards it. {@link #name()} and
 * {@link #contentType()} come from the caller's manifest; when it has none, from the file part's headers, which are
 * known once the part has arrived (always so once {@link #content()} has emitted).
 * <p>
 * In-process callers ({@link Runner}) make files with {@link #of(String, String, Publisher)} or
 * {@link #of(Resource)}.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = RunnerFileDeserializer.class)
public interface RunnerFile {

	/**
	 * Returns the file name: the manifest's {@code meta.name}, else the part's file name without its directories,
	 * else {@code upload}.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the media type: the manifest's {@code meta.type}, else the part's {@code Content-Type} (type and subtype
	 * only), else {@code text/plain}.
	 * @return the media type
	 */
	String contentType();

	/**
	 * Returns the size the caller declared in the manifest ({@code meta.size}); it is not checked against the bytes.
	 * @return the declared size, or empty when none
	 */
	OptionalLong size();

	/**
	 * Returns the modification time the caller declared in the manifest ({@code meta.lastModified}).
	 * @return the declared time, or empty when none
	 */
	Optional<Instant> lastModified();

	/**
	 * Returns the caller's extra metadata ({@code meta.extra}), as decoded by the runner serializer.
	 * @return the metadata, empty when none
	 */
	Map<String, Object> extra();

	/**
	 * Returns the bytes of the file, streamed from the request as the subscriber asks for them. Only one subscription
	 * is allowed; a second one fails with an {@link IllegalStateException}. The subscriber must release the buffers
	 * it receives ({@link org.springframework.core.io.buffer.DataBufferUtils#release(DataBuffer)}). The stream fails
	 * when the request does (a size limit exceeded, the client gone), and so does the call.
	 * @return the content
	 */
	Flux<DataBuffer> content();

	/**
	 * Reads the whole file into memory. Consumes {@link #content()}. An upload is bounded by the file-size limit
	 * ({@code runner.limits.multipart.max-file-size}); any file by the largest array, 2 GiB.
	 * @return the bytes; fails with a {@link org.springframework.core.io.buffer.DataBufferLimitException} beyond 2 GiB
	 */
	default Mono<byte[]> bytes() {
		return DataBufferUtils.join(content(), Integer.MAX_VALUE).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty(new byte[0]);
	}

	/**
	 * Writes the file to a path, creating or replacing it, without holding it in memory. Consumes
	 * {@link #content()}.
	 * @param destination the file to write
	 * @return completes when the file is written
	 */
	default Mono<Void> transferTo(Path destination) {
		return DataBufferUtils.write(content(), destination).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Makes a file to pass in process ({@link Runner#runTask}) to a task that takes {@code RunnerFile}s, as a tunnel
	 * call would: the content is subscribed once, when the task reads it; nothing is buffered.
	 * @param name the file name
	 * @param contentType the media type, such as {@code text/csv}
	 * @param content the bytes; the task releases the buffers it reads
	 * @return the file, with no declared size, modification time or extra metadata
	 */
	static RunnerFile of(String name, String contentType, Publisher<? extends DataBuffer> content) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(contentType, "'contentType' must not be empty");
		Assert.notNull(content, "'content' must not be null");
		return new LocalRunnerFile(name, contentType, OptionalLong.empty(), Optional.empty(), content);
	}

	/**
	 * Makes a file of bytes held in memory, to pass in process or to upload with the Java client.
	 * @param name the file name
	 * @param contentType the media type, such as {@code text/plain}
	 * @param bytes the content, not copied; its length is the declared size
	 * @return the file
	 */
	static RunnerFile of(String name, String contentType, byte[] bytes) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(contentType, "'contentType' must not be empty");
		Assert.notNull(bytes, "'bytes' must not be null");
		return new LocalRunnerFile(name, contentType, OptionalLong.of(bytes.length), Optional.empty(),
				Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
	}

	/**
	 * Makes a file from a resource (a file on disk, a class-path resource, bytes) to pass in process, read in 8 KiB
	 * buffers when the task reads it. The name is the resource's file name ({@code upload} when it has none); the
	 * media type is guessed from that name by {@link MediaTypeFactory} ({@code application/octet-stream} when
	 * unknown); the size and modification time are the resource's when it can tell them.
	 * @param resource the resource
	 * @return the file
	 */
	static RunnerFile of(Resource resource) {
		Assert.notNull(resource, "'resource' must not be null");
		String filename = resource.getFilename();
		String name = (filename != null && !filename.isEmpty()) ? filename : "upload";
		String type = MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
		OptionalLong size;
		Optional<Instant> lastModified;
		try {
			size = OptionalLong.of(resource.contentLength());
		}
		catch (IOException ex) {
			size = OptionalLong.empty();
		}
		try {
			long millis = resource.lastModified();
			lastModified = (millis > 0) ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
		}
		catch (IOException ex) {
			lastModified = Optional.empty();
		}
		return new LocalRunnerFile(name, type, size, lastModified,
				DataBufferUtils.read(resource, DefaultDataBufferFactory.sharedInstance, 8192));
	}

}
