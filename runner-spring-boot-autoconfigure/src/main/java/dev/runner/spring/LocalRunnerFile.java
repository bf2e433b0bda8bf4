package dev.runner.spring;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * A {@link RunnerFile} made in process by {@link RunnerFile#of}: its content is the publisher it was made with,
 * subscribed once.
 */
final class LocalRunnerFile implements RunnerFile {

	private final String name;

	private final String contentType;

	private final OptionalLong size;

	private final Optional<Instant> lastModified;

	private final Publisher<? extends DataBuffer> content;

	private final AtomicBoolean read = new AtomicBoolean();

	LocalRunnerFile(String name, String contentType, OptionalLong size, Optional<Instant> lastModified,
			Publisher<? extends DataBuffer> content) {
		this.name = name;
		this.contentType = contentType;
		this.size = size;
		this.lastModified = lastModified;
		this.content = content;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String contentType() {
		return this.contentType;
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
		return Map.of();
	}

	@Override
	public Flux<DataBuffer> content() {
		return Flux.defer(() -> this.read.compareAndSet(false, true) ? Flux.from(this.content)
				: Flux.error(new IllegalStateException("The content of file " + this.name + " was read")));
	}

	@Override
	public String toString() {
		return "RunnerFile[name=" + this.name + ", type=" + this.contentType + "]";
	}

}
