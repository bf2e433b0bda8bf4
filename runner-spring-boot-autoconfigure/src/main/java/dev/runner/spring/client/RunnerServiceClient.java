package dev.runner.spring.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an interface whose methods call the tasks and events of a runner server, like Spring's
 * {@code @HttpServiceClient}: each method is a {@link RemoteTask} or a {@link RemoteEvent}, with at most one parameter
 * (the input or payload; none means no input); default methods of a public interface run as written. Top-level
 * interfaces in the application's packages (those of its {@code @SpringBootApplication}) become beans;
 * {@link ImportRunnerClients} adds others, nested ones included.
 * <p>
 * Return types: {@code Mono<T>} (the result converted to {@code T}), {@code Flux<T>} (an array result, element by
 * element), {@code Flux<DataBuffer>} (a streamed answer, §4.2), {@code Mono<Void>}, or a plain {@code T} or
 * {@code void} for a blocking caller (never on an event loop). A start-up with a method that has no annotation, two
 * annotations or two parameters, or a client without a base URL, fails with a {@link RunnerClientConfigurationException}
 * naming each problem.
 *
 * <pre class="code">
 * &#64;RunnerServiceClient(name = "billing")                  // runner.clients.billing.*
 * interface BillingClient {
 *     &#64;RemoteTask("billing.charge") Mono&lt;Receipt&gt; charge(ChargeInput input);
 *     &#64;RemoteEvent("billing.charged") Mono&lt;Void&gt; charged(Receipt receipt);
 * }
 * </pre>
 *
 * @since 0.2.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RunnerServiceClient {

	/**
	 * Returns the name of the client the interface calls through: its properties are
	 * {@code runner.clients.<name>.*}.
	 * @return the client name
	 */
	String name();

}
