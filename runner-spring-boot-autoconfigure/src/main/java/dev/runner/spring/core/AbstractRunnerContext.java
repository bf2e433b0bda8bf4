package dev.runner.spring.core;

import java.util.Optional;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Base of the runner's {@link RunnerContext}s: the cancellation flag set by {@link RunnerExecution}, and typed async
 * contexts decoded from their serialized text.
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

}
