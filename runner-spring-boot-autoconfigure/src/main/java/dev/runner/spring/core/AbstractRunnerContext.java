package dev.runner.spring.core;

import java.util.Optional;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Base of the runner's {@link RunnerContext}s: the cancellation flag set by {@link RunnerExecution}, typed async
 * contexts decoded from their serialized text, and the raw request body a {@code Flux<DataBuffer>} handler parameter
 * receives.
 *
 * @since 0.1.0
 */
public abstract class AbstractRunnerContext implements RunnerContext {

	private final RunnerSerializer serializer;

	private volatile boolean cancelled;

	/**
	 * Creates the context.
	 * @param serializer decodes async context values
	 */
	protected AbstractRunnerContext(RunnerSerializer serializer) {
		this.serializer = serializer;
	}

	@Override
	public <T> Optional<T> asyncContext(String id, Class<T> type) {
		return asyncContext(id).flatMap((text) -> {
			try {
				Object decoded = this.serializer.decode(text);
				return Optional.ofNullable(type.cast(this.serializer.convert(decoded, type)));
			}
			catch (RuntimeException ex) {
				return Optional.empty();
			}
		});
	}

	@Override
	public boolean isCancelled() {
		return this.cancelled;
	}

	void cancel() {
		this.cancelled = true;
	}

	/**
	 * Returns the raw request body of the call, for a {@code Flux<DataBuffer>} handler parameter: the body of an
	 * octet-stream request over the HTTP tunnel (docs/tunnel-http.md §3.4), unread.
	 * @return the body; empty by default, for calls whose body is not the handler's to read
	 */
	public Flux<DataBuffer> requestBody() {
		return Flux.empty();
	}

}
