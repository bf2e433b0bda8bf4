package dev.runner.spring.aot;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.context.reactive.GenericReactiveWebApplicationContext;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.actuate.RunnerEndpoint;
import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;
import dev.runner.spring.autoconfigure.RunnerClientAutoConfiguration;
import dev.runner.spring.autoconfigure.RunnerEndpointAutoConfiguration;
import dev.runner.spring.autoconfigure.RunnerWebFluxAutoConfiguration;
import dev.runner.spring.client.ImportRunnerClients;
import dev.runner.spring.client.RemoteTask;
import dev.runner.spring.client.RunnerServiceClient;
import dev.runner.spring.core.RunnerHandlerBeans;
import dev.runner.spring.core.RunnerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing of an application using the starter, as {@code spring-boot:process-aot} does it: the
 * handlers are found at build time and the generated code registers them, the generated context starts and serves
 * them, and the runtime hints cover what a native image needs (handler methods, their value types and what those
 * contain, client proxies, the actuator endpoint's descriptors, the multipart workaround's reflection).
 */
@CompileWithForkedClassLoader
public class RunnerAotProcessingTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				RunnerEndpointAutoConfiguration.class, WebClientAutoConfiguration.class,
				RunnerClientAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues(PROPERTIES);

	private static final String[] PROPERTIES = { "runner.auth.tokens=secret",
			"management.endpoints.web.exposure.include=runner", "runner.clients.self.base-url=http://127.0.0.1:1/x" };

	@Test
	void handlersFoundAtBuildTimeAreServedByTheGeneratedContext() {
		process((hints, compiled) -> {
			GenericReactiveWebApplicationContext context = new GenericReactiveWebApplicationContext();
			TestPropertyValues.of(PROPERTIES).applyTo(context);
			compiled.initialize(context);
			// a bean the build did not see: the processor looks at the beans of the index only
			context.registerBean("unknownAtBuildTime", Late.class);
			context.refresh();
			try {
				assertThat(context.getBean(RunnerHandlerBeans.BEAN_NAME, RunnerHandlerBeans.class).beanNames())
					.containsExactlyInAnyOrder("orders", "shout");
				RunnerRegistry registry = context.getBean(RunnerRegistry.class);
				assertThat(registry.tasks()).extracting("id")
					.containsExactlyInAnyOrder("app.orders.place", "app.tasks.shout");
				assertThat(registry.event("app.events.placed")).isNotNull();
				assertThat(registry.task("app.tasks.late")).isNull();
				Runner runner = context.getBean(Runner.class);
				assertThat(runner.runTask("app.tasks.shout", "hi").block()).isEqualTo("HI");
				Receipt receipt = runner
					.runTask("app.orders.place", new Order("o-1", List.of(new Line("sku", 2))), Receipt.class)
					.block();
				assertThat(receipt.orderId()).isEqualTo("o-1");
				assertThat(context.getBean(OrdersClient.class)).isNotNull();
			}
			finally {
				context.close();
			}
		});
	}

	@Test
	void hintsCoverHandlersTheirValueTypesAndWhatTheyContain() throws Exception {
		process((hints, compiled) -> {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "place")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "placed")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Function.class, "apply")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(Orders.class)).accepts(hints);
			for (Class<?> type : List.of(Order.class, Line.class, Receipt.class)) {
				assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			}
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Line.class, "qty")).accepts(hints);
			assertThat(RuntimeHintsPredicates.proxies().forInterfaces(RunnerTask.class)).accepts(hints);
		});
	}

	@Test
	void hintsCoverClientProxiesTheEndpointAndTheMultipartWorkaround() throws Exception {
		process((hints, compiled) -> {
			assertThat(RuntimeHintsPredicates.proxies().forInterfaces(OrdersClient.class)).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(OrdersClient.class, "place"))
				.accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(RunnerEndpoint.RunnerDescriptor.class)).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RunnerEndpoint.TaskInfo.class, "id"))
				.accepts(hints);
			try {
				assertThat(RuntimeHintsPredicates.reflection()
					.onMethodInvocation("org.springframework.http.codec.multipart.MultipartParser$Token", "buffer"))
					.accepts(hints);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private void process(AotResult result) {
		this.contextRunner.prepare((context) -> {
			TestGenerationContext generationContext = new TestGenerationContext();
			ClassName className = new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generationContext);
			generationContext.writeGeneratedContent();
			TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
				@SuppressWarnings("unchecked")
				ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
					.getInstance(ApplicationContextInitializer.class, className.toString());
				result.accept(generationContext.getRuntimeHints(), initializer::initialize);
			});
		});
	}

	@FunctionalInterface
	interface AotResult {

		void accept(RuntimeHints hints, Initializer compiled);

	}

	@FunctionalInterface
	interface Initializer {

		void initialize(GenericApplicationContext context);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRunnerClients(OrdersClient.class)
	static class Application {

		@Bean
		Orders orders() {
			return new Orders();
		}

		@Bean
		Shout shout() {
			return new Shout();
		}

	}

	public static class Orders {

		@RunnerTask("app.orders.place")
		public Mono<Receipt> place(Order order) {
			return Mono.just(new Receipt(order.id(), Instant.EPOCH));
		}

		@RunnerEvent("app.events.placed")
		public void placed(Receipt receipt) {
		}

	}

	public static class Late {

		@RunnerTask("app.tasks.late")
		public String late() {
			return "late";
		}

	}

	@RunnerTask("app.tasks.shout")
	public static class Shout implements Function<String, String> {

		@Override
		public String apply(String text) {
			return text.toUpperCase();
		}

	}

	public record Order(String id, List<Line> lines) {
	}

	public record Line(String sku, int qty) {
	}

	public record Receipt(String orderId, Instant at) {
	}

	@RunnerServiceClient(name = "self")
	public interface OrdersClient {

		@RemoteTask("app.orders.place")
		Mono<Receipt> place(Order order);

	}

}
