package dev.runner.spring;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Decides whether one call of a task may run: per-task authorization, after authentication. Declare guards as beans
 * and name them on the task with {@code @RunnerTask(guards = TenantGuard.class)}.
 * <p>
 * A guard that answers {@code false} (or completes empty) refuses the call with 403 {@code FORBIDDEN} and the message
 * {@code Task <id> refused by <guard bean name>}; a guard that fails refuses it with that error (throw a
 * {@link RunnerException} to send a typed error of your own). Guards run on the event loop: they must not block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunnerGuard {

	/**
	 * Decides on one call.
	 * @param taskId the task id
	 * @param input the input as decoded from the request (maps, lists, scalars and the serializer's typed values),
	 * before conversion to the handler's parameter type; {@code null} when absent
	 * @param context the context of the call: headers, authentication, request id
	 * @return {@code true} to let the call run
	 */
	Mono<Boolean> check(String taskId, @Nullable Object input, RunnerContext context);

}
