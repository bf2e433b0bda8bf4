package dev.runner.spring.web.multipart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.log.LogMessage;

/**
 * A file part written to a temporary file because it cannot be streamed to its reader now: it came before the
 * manifest, or a later part is wanted first, or the task already answered with a stream that may still read it. Read
 * back once, then deleted; deleted at the end of the request in any case. File system work runs off the event loop.
 */
final class Spool {

	private static final Log logger = LogFactory.getLog(Spool.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Sinks.Empty<Void> written = Sinks.empty();

	private final Disposable writing;

	private volatile @Nullable Path path;

	private volatile boolean deleted;

	/**
	 * Starts writing a part to a new temporary file.
	 * @param content the part's content, subscribed here
	 * @param onError told when the part cannot be written
	 */
	Spool(PartContent content, Consumer<Throwable> onError) {
		this.writing = Mono.fromCallable(this::createFile)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((file) -> DataBufferUtils.write(content, file))
			.subscribe(null, (ex) -> {
				this.written.tryEmitError(ex);
				content.discard();
				onError.accept(ex);
			}, this.written::tryEmitEmpty);
	}

	private Path createFile() throws IOException {
		Path file = Files.createTempFile("runner-upload-", ".part");
		this.path = file;
		if (this.deleted) {
			Files.deleteIfExists(file);
			throw new IOException("The request ended");
		}
		return file;
	}

	/**
	 * Reads the file back once it is written, and deletes it after.
	 */
	Flux<DataBuffer> read(DataBufferFactory bufferFactory) {
		return this.written.asMono()
			.thenMany(Flux.defer(() -> DataBufferUtils.read(currentPath(), bufferFactory, BUFFER_SIZE)))
			.subscribeOn(Schedulers.boundedElastic())
			.doFinally((signal) -> delete());
	}

	private Path currentPath() {
		Path file = this.path;
		if (file == null || this.deleted) {
			throw new IllegalStateException("The spooled part is gone");
		}
		return file;
	}

	/**
	 * Stops writing and deletes the file, off the calling thread.
	 */
	void delete() {
		if (this.deleted) {
			return;
		}
		this.deleted = true;
		this.writing.dispose();
		this.written.tryEmitError(new IllegalStateException("The request ended"));
		Schedulers.boundedElastic().schedule(() -> {
			Path file = this.path;
			if (file == null) {
				return;
			}
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn(LogMessage.format("Could not delete the spooled upload part %s", file), ex);
			}
		});
	}

}
