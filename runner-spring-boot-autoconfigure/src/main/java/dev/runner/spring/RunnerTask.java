package dev.runner.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the handler of a runner task, served at {@code POST <base-path>/task/<id>} (tunnel-http.md
 * §1, §3.2).
 * <p>
 * On a method: the method is the handler. On a bean class that implements {@link java.util.function.Function},
 * {@link java.util.function.Supplier} or {@link java.util.function.Consumer}: the functional method is the handler.
 * <p>
 * A handler takes at most one input parameter (bound from the request's {@code input}, decoded by the runner
 * serializer and converted to the declared type) and optionally a {@link RunnerContext}. It may return a value,
 * {@code void}, {@link java.util.Optional}, or any type known to Spring's
 * {@link org.springframework.core.ReactiveAdapterRegistry} ({@code Mono}, {@code CompletionStage}, ...); a
 * multi-value publisher is collected into an array. Handlers that return a reactive type run on the event loop;
 * all others run on a scheduler for blocking work.
 * <p>
 * Two handlers for one task id, or a signature the starter cannot bind, fail the application start-up with a
 * message naming the methods.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RunnerTask {

	/**
	 * Alias for {@link #id()}.
	 * @return the task id
	 */
	@AliasFor("id")
	String value() default "";

	/**
	 * Task id, for example {@code app.tasks.add}: non-empty, without white space and without a trailing {@code /}.
	 * @return the task id
	 */
	@AliasFor("value")
	String id() default "";

	/**
	 * Human-readable description, shown by the actuator endpoint. Empty by default.
	 * @return the description
	 */
	String description() default "";

	/**
	 * Whether the HTTP tunnel serves this task. A task that is not exposed can still be run in-process; the tunnel
	 * answers 403 {@code FORBIDDEN} for it and discovery omits it. Wins over {@code runner.exposure.tasks}.
	 * Defaults to {@code true}.
	 * @return whether the task is exposed over HTTP
	 */
	boolean exposed() default true;

}
