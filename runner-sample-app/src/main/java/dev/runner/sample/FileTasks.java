package dev.runner.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.RunnerTask;

/**
 * Tasks that move files and streams across the tunnel: uploads streamed to disk, downloads streamed from it, and a
 * duplex transform of a raw request body. None of them holds a whole file in memory, and none blocks a thread while
 * bytes are in flight.
 *
 * @since 0.1.0
 */
@Component
public class FileTasks {

	private final FileStore store;

	FileTasks(FileStore store) {
		this.store = store;
	}

	/**
	 * Stores uploaded files on disk, one after the other, as their bytes arrive.
	 * @param input the files and a label
	 * @return the stored files
	 */
	@RunnerTask(value = "files.upload", description = "stores uploaded files on disk, streamed")
	public Mono<List<StoredFile>> upload(Uploads input) {
		return Flux.fromIterable(input.files()).concatMap((file) -> this.store.save(file, input.label())).collectList();
	}

	/**
	 * Lists the stored files.
	 * @return the files in upload order
	 */
	@RunnerTask(value = "files.list", description = "lists the stored files")
	public List<StoredFile> list() {
		return this.store.all();
	}

	/**
	 * Streams a stored file back. The id is the input of a JSON call; the Node smart client, which returns streams
	 * only for stream inputs, sends it as the raw body of an octet-stream call instead.
	 * @param id the file id, or {@code null} to read it from the body
	 * @param body the raw body of an octet-stream call, empty otherwise
	 * @return the file's bytes, with its media type and name
	 * @throws UnknownFileException if there is no such file
	 */
	@RunnerTask(value = "files.download", description = "streams a stored file (id as input, or as the raw body)")
	public Mono<RunnerStreamResponse> download(@Nullable String id, Flux<DataBuffer> body) {
		Mono<String> fileId = (id != null) ? Mono.just(id) : DataBufferUtils.join(body).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8).trim();
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		});
		return fileId.defaultIfEmpty("").map((key) -> {
			StoredFile file = this.store.find(key).orElseThrow(() -> new UnknownFileException(key));
			String disposition = ContentDisposition.attachment()
				.filename(file.name(), StandardCharsets.UTF_8)
				.build()
				.toString();
			return RunnerStreamResponse.ok()
				.contentType(file.type())
				.header(HttpHeaders.CONTENT_DISPOSITION, disposition)
				.body(new FileSystemResource(this.store.path(file)));
		});
	}

	/**
	 * Streams the raw request body back with ASCII letters upper-cased, each chunk as soon as it arrives.
	 * @param body the raw body of an octet-stream call
	 * @return the transformed bytes
	 */
	@RunnerTask(value = "files.upper", description = "streams the raw body back upper-cased, as it arrives")
	public Flux<DataBuffer> upper(Flux<DataBuffer> body) {
		return body.map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			for (int i = 0; i < bytes.length; i++) {
				if (bytes[i] >= 'a' && bytes[i] <= 'z') {
					bytes[i] -= 32;
				}
			}
			return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
		});
	}

}
