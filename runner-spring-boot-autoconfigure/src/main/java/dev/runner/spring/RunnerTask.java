package dev.runner.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the handler of a runner task, served at {@code POST <base-path>/task/<id>} (docs/tunnel-http.md
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

	/**
	 * Guards asked before the task runs, in this order; each names a {@link RunnerGuard} bean by type (exactly one
	 * bean of each type must exist, else the start-up fails). A guard that answers {@code false} refuses the call with
	 * 403 {@code FORBIDDEN}. Guards apply to HTTP and in-process calls alike. None by default.
	 * @return the guard bean types
	 */
	Class<? extends RunnerGuard>[] guards() default {};

	/**
	 * Longest time a call may take, as {@code 500ms}, {@code 5s}, {@code 1m} or ISO-8601 ({@code PT5S}); a call that
	 * takes longer is cancelled and fails with the typed error {@code runner.errors.Timeout} (HTTP 504). The property
	 * {@code runner.tasks[<id>].timeout} overrides it. Empty (the default) means no limit.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Largest number of calls of this task running at once; a call beyond it fails at once with 503
	 * {@code OVERLOADED} instead of waiting. The property {@code runner.tasks[<id>].max-concurrency} overrides it.
	 * {@code 0} (the default) means no limit.
	 * @return the concurrency limit
	 */
	int maxConcurrency() default 0;

	/**
	 * Runs the task on a schedule: a cron expression in Spring's syntax ({@code second minute hour day-of-month month
	 * day-of-week}, for example {@code 0 0 6 * * MON-FRI}, or a macro such as {@code @hourly}); each occurrence goes through
	 * the same pipeline as an in-process call, without input, authenticated as
	 * {@link RunnerAuthentication#SCHEDULE}. The property {@code runner.schedules[<id>]} overrides it. A bad
	 * expression fails the start-up. Empty (the default) means no schedule.
	 * @return the cron expression
	 * @since 0.2.0
	 */
	String cron() default "";

	/**
	 * Time zone of {@link #cron()}, as a {@link java.time.ZoneId} ({@code Europe/Paris}, {@code UTC}); a bad zone
	 * fails the start-up. Empty (the default) means the system's zone.
	 * @return the zone id
	 * @since 0.2.0
	 */
	String zone() default "";

}
