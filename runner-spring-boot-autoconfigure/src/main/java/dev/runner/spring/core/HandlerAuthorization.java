package dev.runner.spring.core;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerContext;

/**
 * Method-level authorization of handlers (Spring Security's {@code @PreAuthorize}), decided after a call's input is
 * bound and before the handler runs, whatever the door. Each handler's check is planned once at start-up.
 *
 * @since 0.2.0
 */
public interface HandlerAuthorization {

	/**
	 * Returns how to authorize calls of one handler method.
	 * @param method the handler method
	 * @param beanType the user class of the bean declaring it
	 * @return the plan, or {@code null} when the method asks for no authorization
	 */
	@Nullable Plan plan(Method method, Class<?> beanType);

	/**
	 * The authorization of one handler method.
	 */
	@FunctionalInterface
	interface Plan {

		/**
		 * Authorizes one call.
		 * @param target the bean the handler is called on
		 * @param args the bound arguments of the handler
		 * @param context the call's context
		 * @return completes empty when the call may go on; an error with an exception that
		 * {@link RunnerError#of(Throwable)} classifies (403 {@code FORBIDDEN} for a denial) otherwise
		 */
		Mono<Void> authorize(Object target, Object[] args, RunnerContext context);

	}

}
