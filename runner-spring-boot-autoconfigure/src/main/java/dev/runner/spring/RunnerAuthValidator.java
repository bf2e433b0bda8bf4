package dev.runner.spring;

import reactor.core.publisher.Mono;

/**
 * Decides whether a tunnel request is authenticated, as the runner protocol's auth validators do (docs/tunnel-http.md §5).
 * <p>
 * Every {@code RunnerAuthValidator} bean is asked, in {@link org.springframework.core.annotation.Order @Order}, when
 * the request's token does not match one of {@code runner.auth.tokens}; the first that answers {@code true}
 * authenticates the request. A validator that answers {@code false}, completes empty or fails counts as a refusal and
 * the next one is asked; when none accepts, the request gets 401 {@code UNAUTHORIZED}. The presence of a validator
 * bean counts as auth being configured, so {@code runner.auth.allow-anonymous} no longer applies.
 * <p>
 * Validators run on the event loop: they must not block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunnerAuthValidator {

	/**
	 * Decides on one request.
	 * @param request the method, target, path and headers of the request
	 * @return {@code true} to accept the request
	 */
	Mono<Boolean> validate(RunnerAuthRequest request);

}
