package dev.runner.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Makes beans of {@link RunnerServiceClient} interfaces outside the application's packages (a library's, say). Put it
 * on a {@code @Configuration} class.
 *
 * @since 0.2.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ImportedRunnerClientsRegistrar.class)
public @interface ImportRunnerClients {

	/**
	 * Returns the interfaces, each annotated {@link RunnerServiceClient}.
	 * @return the interfaces
	 */
	Class<?>[] value();

}
