package dev.runner.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a {@link RunnerServiceClient} interface run a remote task
 * ({@link RunnerClient#task(String, Object, Class)}, or {@link RunnerClient#taskStream(String, Object)} for a
 * {@code Flux<DataBuffer>} return type).
 *
 * @since 0.2.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RemoteTask {

	/**
	 * Returns the task id.
	 * @return the id, such as {@code billing.charge}
	 */
	String value();

}
