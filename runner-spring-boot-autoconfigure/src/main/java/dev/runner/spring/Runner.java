package dev.runner.spring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runs tasks and emits events in-process, through the same pipeline as the HTTP tunnel (input conversion, Bean
 * Validation, guards, timeouts, concurrency limits, listeners' order), without HTTP. Tasks declared
 * {@code exposed = false} can be run here. Inputs and payloads are Java values, converted to the handler's parameter
 * type when they are not of it already; errors arrive as the exceptions handlers threw (a {@link RunnerException}, an
 * {@link dev.runner.spring.core.InvalidInputException}, ...).
 *
 * @since 0.1.0
 */
public interface Runner {

	/**
	 * Runs a task.
	 * @param id the task id
	 * @param input the input, {@code null} for none
	 * @return the result; empty for {@code void}, {@code null} or an empty {@code Optional}
	 * @throws IllegalArgumentException (as the {@code Mono}'s error) if no task has that id
	 */
	Mono<Object> runTask(String id, @Nullable Object input);

	/**
	 * Runs a task and converts its result.
	 * @param <T> the result type
	 * @param id the task id
	 * @param input the input, {@code null} for none
	 * @param resultType the type to convert the result to
	 * @return the result; empty for {@code void}, {@code null} or an empty {@code Optional}
	 * @throws IllegalArgumentException (as the {@code Mono}'s error) if no task has that id
	 */
	<T> Mono<T> runTask(String id, @Nullable Object input, Class<T> resultType);

	/**
	 * Emits an event and waits for its listeners (not for fire-and-forget ones).
	 * @param id the event id
	 * @param payload the payload, {@code null} for none
	 * @return completion, or the first listener error
	 * @throws IllegalArgumentException (as the {@code Mono}'s error) if no listener declares that event and it is not
	 * declared in {@code runner.events.declared}
	 */
	Mono<Void> emit(String id, @Nullable Object payload);

	/**
	 * Emits an event and returns the payload after all listeners ran (listeners may replace it).
	 * @param id the event id
	 * @param payload the payload, {@code null} for none
	 * @return the final payload; empty when it is absent
	 * @throws IllegalArgumentException (as the {@code Mono}'s error) if the event is unknown
	 * @throws UnsupportedOperationException (as the {@code Mono}'s error) if the event is parallel
	 */
	Mono<Object> emitWithResult(String id, @Nullable Object payload);

	/**
	 * Schedules a run of a task after a delay, at once, and returns without waiting. The run goes through the same
	 * pipeline as {@link #runTask(String, Object)} when the delay is over. Delayed runs are kept in memory only: they
	 * are lost when the application stops or restarts, and the pending ones are cancelled when the context closes.
	 * @param id the task id
	 * @param input the input, {@code null} for none
	 * @param delay how long to wait before the run, zero or positive
	 * @return the handle of the run, to cancel it or wait for its result
	 * @throws IllegalArgumentException if no task has that id, or the delay is negative
	 * @since 0.2.0
	 */
	RunnerDelayedRun runTaskLater(String id, @Nullable Object input, Duration delay);

}
