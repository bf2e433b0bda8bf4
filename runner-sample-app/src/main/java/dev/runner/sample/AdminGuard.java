package dev.runner.sample;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerGuard;

import org.springframework.stereotype.Component;

/**
 * Lets a call through when it says it comes from an administrator ({@code x-notes-role: admin}), or when it is made
 * in-process. A real service would check a signed claim; the header keeps the sample short.
 *
 * @since 0.1.0
 */
@Component
public class AdminGuard implements RunnerGuard {

	/** The request header naming the caller's role. */
	public static final String ROLE_HEADER = "x-notes-role";

	@Override
	public Mono<Boolean> check(String taskId, @Nullable Object input, RunnerContext context) {
		boolean inProcess = context.exchange().isEmpty();
		return Mono.just(inProcess || "admin".equals(context.headers().getFirst(ROLE_HEADER)));
	}

}
