package dev.runner.spring.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.springframework.util.Assert;

import dev.runner.spring.RunnerException;

/**
 * The typed errors a {@link RunnerClient} rebuilds as the application's own {@link RunnerException} subclasses, the
 * Java side of the official clients' {@code errorRegistry} (docs/tunnel-http.md §14.6). An error envelope with an
 * {@code id} this registry knows becomes what its factory makes; one with an unknown id a plain
 * {@code RunnerException}. Declare one as a bean and every client of the application uses it.
 *
 * <pre class="code">
 * &#64;Bean
 * RunnerErrorRegistry errors() {
 *     return RunnerErrorRegistry.builder()
 *         .register("app.errors.Conflict", (message, data, status) -&gt; new ConflictException(message, data))
 *         .build();
 * }
 * </pre>
 *
 * @since 0.2.0
 */
public final class RunnerErrorRegistry {

	private static final RunnerErrorRegistry EMPTY = new RunnerErrorRegistry(Map.of());

	private final Map<String, Factory> factories;

	private RunnerErrorRegistry(Map<String, Factory> factories) {
		this.factories = factories;
	}

	/**
	 * Returns a registry that knows no id: every typed error is a plain {@link RunnerException}.
	 * @return the empty registry
	 */
	public static RunnerErrorRegistry empty() {
		return EMPTY;
	}

	/**
	 * Starts a registry.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Rebuilds a typed error received in an envelope.
	 * @param id the envelope's {@code error.id}
	 * @param message its {@code error.message}
	 * @param data its {@code error.data}, decoded by the runner serializer ({@code {}} when it had none)
	 * @param httpStatus its {@code error.httpCode}, empty when it had none or an invalid one
	 * @return the registered factory's exception, else a {@code RunnerException} with the same fields
	 */
	public RunnerException rebuild(String id, String message, Object data, OptionalInt httpStatus) {
		Factory factory = this.factories.get(id);
		if (factory != null) {
			return factory.create(message, data, httpStatus);
		}
		return new RunnerException(id, message, data, httpStatus.orElse(0));
	}

	/**
	 * Makes the application's exception for one error id.
	 */
	@FunctionalInterface
	public interface Factory {

		/**
		 * Makes the exception.
		 * @param message the error's message as the server sent it
		 * @param data the error's data, decoded by the runner serializer (maps, lists, scalars, typed values)
		 * @param httpStatus the error's {@code httpCode}, empty when none
		 * @return the exception; its {@link RunnerException#id()} should be the registered id
		 */
		RunnerException create(String message, Object data, OptionalInt httpStatus);

	}

	/**
	 * Builds a {@link RunnerErrorRegistry}.
	 */
	public static final class Builder {

		private final Map<String, Factory> factories = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Registers the factory of one error id; a second registration of an id replaces the first.
		 * @param id the error id, such as {@code app.errors.Conflict}
		 * @param factory makes the exception
		 * @return this builder
		 */
		public Builder register(String id, Factory factory) {
			Assert.hasText(id, "'id' must not be empty");
			Assert.notNull(factory, "'factory' must not be null");
			this.factories.put(id, factory);
			return this;
		}

		/**
		 * Builds the registry.
		 * @return the registry
		 */
		public RunnerErrorRegistry build() {
			return new RunnerErrorRegistry(Map.copyOf(this.factories));
		}

	}

}
