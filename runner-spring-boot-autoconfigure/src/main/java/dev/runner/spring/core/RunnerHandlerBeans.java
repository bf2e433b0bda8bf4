package dev.runner.spring.core;

import java.util.List;

/**
 * The names of the beans that declare runner handlers, found when the application was processed ahead of time
 * ({@code spring-boot:process-aot}) and registered by the generated code under {@link #BEAN_NAME}: with it,
 * {@link RunnerMethodProcessor} looks at these beans only instead of at every bean of the context.
 *
 * @param beanNames the bean names, in the order they were found
 * @since 0.2.0
 */
public record RunnerHandlerBeans(List<String> beanNames) {

	/** The name of the singleton in an application processed ahead of time. */
	public static final String BEAN_NAME = "runnerHandlerBeans";

	/**
	 * Creates the index.
	 * @param beanNames the bean names
	 */
	public RunnerHandlerBeans {
		beanNames = List.copyOf(beanNames);
	}

}
