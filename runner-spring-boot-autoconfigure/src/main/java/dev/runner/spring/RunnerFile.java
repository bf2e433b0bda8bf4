package dev.runner.spring;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * A file uploaded with a task call. A multipart request (tunnel-http.md §3.3) replaces each file sentinel of its
 * input ({@code {"$runnerFile":"File","id":…}}, what {@code createNodeFile} and browser {@code File}s become) with a
 * {@code RunnerFile}; declare one as the input parameter, or as a field, list element or map value anywhere in the
 * input type, to receive it.
 * <p>
 * The bytes are not stored: {@link #content()} streams them from the request as they arrive, once. A handler that
 * returns without reading a file leaves it to the tunnel, which discards it. {@link #name()} and
 * {@link #contentType()} come from the caller's manifest; when it has none, from the file part's headers, which are
 * known once the part has arrived (always so once {@link #content()} has emitted).
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
	 * Reads the whole file into memory; the file-size limit bounds it. Consumes {@link #content()}.
	 * @return the bytes
	 */
	Mono<byte[]> bytes();

	/**
	 * Writes the file to a path, creating or replacing it, without holding it in memory. Consumes
	 * {@link #content()}.
	 * @param destination the file to write
	 * @return completes when the file is written
	 */
	Mono<Void> transferTo(Path destination);

}
