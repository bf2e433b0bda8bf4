package dev.runner.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as a listener of a runner event, emitted with {@code POST <base-path>/event/<id>}
 * (docs/tunnel-http.md §3.5).
 * <p>
 * Any number of listeners may declare one event id. They run one after another in ascending {@link #order()}, then
 * by {@link org.springframework.core.annotation.Order @Order} of their bean, and the emission answers only after
 * all have run. A listener takes at most one payload parameter and optionally a {@link RunnerContext}. A listener
 * that returns a non-null value (directly or through a {@code Mono}) replaces the payload seen by the listeners after
 * it, and by a caller that asked for {@code returnPayload}. A listener that fails stops the chain, and the emission
 * answers its error.
 * <p>
 * On a bean class that implements {@link java.util.function.Consumer} or {@link java.util.function.Function}, the
 * functional method is the listener.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RunnerEvent {

	/**
	 * Alias for {@link #id()}.
	 * @return the event id
	 */
	@AliasFor("id")
	String value() default "";

	/**
	 * Event id, for example {@code user.created}: non-empty, without white space and without a trailing {@code /}.
	 * @return the event id
	 */
	@AliasFor("value")
	String id() default "";

	/**
	 * Position of this listener among the listeners of the event; lower runs first. Defaults to {@code 0}.
	 * @return the order
	 */
	int order() default 0;

	/**
	 * Whether the event is parallel: listeners of the same order run concurrently, and an emission that asks for
	 * {@code returnPayload} is refused with 400 {@code PARALLEL_EVENT_RETURN_UNSUPPORTED}. All listeners of one event
	 * id must agree, else the start-up fails. Defaults to {@code false}.
	 * @return whether the event is parallel
	 */
	boolean parallel() default false;

	/**
	 * Whether this listener is fire-and-forget: it does not take part in the chain, and runs with the final payload
	 * once the other listeners have finished, without the emitter waiting for it. Its failures are logged and counted,
	 * never reported to the caller. Defaults to {@code false}.
	 * @return whether the listener runs detached from the emission
	 */
	boolean async() default false;

}
