package dev.runner.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.runner.spring.RunnerFile;

/**
 * Keeps uploaded files in a temporary directory, deleted when the application stops. A file is written to a
 * {@code .partial} file as its bytes arrive and listed only once complete; an upload that fails or is cancelled (the
 * client went away) leaves nothing behind.
 *
 * @since 0.1.0
 */
@Component
public class FileStore implements DisposableBean {

	private final Map<String, StoredFile> files = new LinkedHashMap<>();

	private final Path directory;

	private final Clock clock = Clock.systemUTC();

	/**
	 * Creates the store in a new temporary directory.
	 * @throws IOException if the directory cannot be created
	 */
	public FileStore() throws IOException {
		this.directory = Files.createTempDirectory("runner-sample-files-");
	}

	/**
	 * Streams an uploaded file to disk, never holding it in memory.
	 * @param file the uploaded file
	 * @param label a label to store with it
	 * @return the stored file, once all its bytes are on disk
	 */
	public Mono<StoredFile> save(RunnerFile file, @Nullable String label) {
		String id = UUID.randomUUID().toString();
		Path partial = this.directory.resolve(id + ".partial");
		return file.transferTo(partial).then(Mono.fromCallable(() -> {
			Path target = this.directory.resolve(id);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			StoredFile stored = new StoredFile(id, file.name(), file.contentType(), Files.size(target), label,
					Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS));
			synchronized (this.files) {
				this.files.put(id, stored);
			}
			return stored;
		}).subscribeOn(Schedulers.boundedElastic())).doFinally((signal) -> {
			if (signal != SignalType.ON_COMPLETE) {
				Schedulers.boundedElastic().schedule(() -> deleteQuietly(partial));
			}
		});
	}

	/**
	 * Finds a stored file.
	 * @param id its id
	 * @return the file, or empty when unknown
	 */
	public Optional<StoredFile> find(String id) {
		synchronized (this.files) {
			return Optional.ofNullable(this.files.get(id));
		}
	}

	/**
	 * Returns where a stored file's bytes are.
	 * @param file the file
	 * @return its path
	 */
	public Path path(StoredFile file) {
		return this.directory.resolve(file.id());
	}

	/**
	 * Lists the stored files in upload order.
	 * @return the files
	 */
	public List<StoredFile> all() {
		synchronized (this.files) {
			return new ArrayList<>(this.files.values());
		}
	}

	@Override
	public void destroy() throws IOException {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(FileStore::deleteQuietly);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// a temporary file
		}
	}

}
