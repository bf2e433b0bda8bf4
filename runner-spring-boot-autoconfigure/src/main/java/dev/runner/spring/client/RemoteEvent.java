package dev.runner.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a {@link RunnerServiceClient} interface emit a remote event: {@link RunnerClient#event} when it
 * returns {@code Mono<Void>} or {@code void}, {@link RunnerClient#eventWithResult} (the payload as the listeners left
 * it) when it returns {@code Mono<T>} or {@code T}.
 *
 * @since 0.2.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RemoteEvent {

	/**
	 * Returns the event id.
	 * @return the id, such as {@code billing.charged}
	 */
	String value();

}
