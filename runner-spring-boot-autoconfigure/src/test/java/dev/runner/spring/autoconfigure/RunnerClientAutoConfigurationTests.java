package dev.runner.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.client.ImportRunnerClients;
import dev.runner.spring.client.RemoteEvent;
import dev.runner.spring.client.RemoteTask;
import dev.runner.spring.client.RunnerClientConfigurationException;
import dev.runner.spring.client.RunnerClients;
import dev.runner.spring.client.RunnerServiceClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Java client's auto-configuration: named clients from {@code runner.clients.*}, declared interfaces made into
 * beans, and start-up failures that name each mistake.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunnerClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RunnerAutoConfiguration.class, WebClientAutoConfiguration.class,
					RunnerClientAutoConfiguration.class));

	@Test
	void makesOneClientPerName() {
		this.contextRunner
			.withPropertyValues("runner.clients.billing.base-url=http://billing:8080/__runner/",
					"runner.clients.notes.base-url=http://notes/__runner", "runner.clients.notes.timeout=2s")
			.run((context) -> {
				RunnerClients clients = context.getBean(RunnerClients.class);
				assertThat(clients.names()).containsExactlyInAnyOrder("billing", "notes");
				assertThat(clients.get("billing").name()).isEqualTo("billing");
			});
	}

	@Test
	void backsOffWithoutTheRunner() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, RunnerClientAutoConfiguration.class))
			.withPropertyValues("runner.clients.billing.base-url=http://127.0.0.1:1/__runner")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunnerClients.class));
	}

	@Test
	void importedInterfaceBecomesABean() {
		this.contextRunner.withUserConfiguration(ImportsGood.class)
			.withPropertyValues("runner.clients.billing.base-url=http://127.0.0.1:1/__runner")
			.run((context) -> {
				assertThat(context).hasSingleBean(GoodClient.class);
				GoodClient client = context.getBean(GoodClient.class);
				assertThat(client.toString()).contains("runner client 'billing'");
				assertThat(client.twice()).isEqualTo("default methods run as written");
			});
	}

	@Test
	void clientWithoutBaseUrlFailsTheStartUp() {
		this.contextRunner.withUserConfiguration(ImportsGood.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RunnerClientConfigurationException.class)
				.hasMessageContaining("No runner client is named 'billing': set runner.clients.billing.base-url "
						+ "(used by " + GoodClient.class.getName() + ")");
		});
		this.contextRunner.withPropertyValues("runner.clients.billing.token=t").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("runner.clients.billing.base-url is not set");
		});
	}

	@Test
	void everyMistakeOfAnInterfaceIsNamed() {
		this.contextRunner.withUserConfiguration(ImportsBroken.class)
			.withPropertyValues("runner.clients.billing.base-url=http://127.0.0.1:1/__runner")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(RunnerClientConfigurationException.class,
							(ex) -> assertThat(ex.problems()).containsExactlyInAnyOrder(
									BrokenClient.class.getName() + ".plain() has neither @RemoteTask nor @RemoteEvent: "
											+ "annotate it with the id it calls",
									BrokenClient.class.getName() + ".two() takes 2 parameters: a task or event takes "
											+ "one input; put them in a record",
									BrokenClient.class.getName() + ".both() has both @RemoteTask and @RemoteEvent: keep "
											+ "one",
									BrokenClient.class.getName() + ".stream() returns reactor.core.publisher.Flux<"
											+ "java.lang.String>: an event answers one payload; return Mono<T>, "
											+ "Mono<Void>, T or void"));
			});
	}

	@Test
	void reportsClientProblemsAsApplicationFailedToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BrokenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"))
			.withRootCauseInstanceOf(RunnerClientConfigurationException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Runner clients cannot be made:")
			.contains("  - No runner client is named 'billing'")
			.contains("Fix the @RunnerServiceClient interfaces or the runner.clients.* properties");
	}

	@RunnerServiceClient(name = "billing")
	public interface GoodClient {

		@RemoteTask("billing.charge")
		Mono<Map<String, Object>> charge(Map<String, Object> input);

		@RemoteEvent("billing.charged")
		Mono<Void> charged(Map<String, Object> receipt);

		default String twice() {
			return "default methods run as written";
		}

	}

	@RunnerServiceClient(name = "billing")
	interface BrokenClient {

		Mono<String> plain(String input);

		@RemoteTask("billing.two")
		Mono<String> two(String a, String b);

		@RemoteTask("billing.both")
		@RemoteEvent("billing.both")
		Mono<Void> both();

		@RemoteEvent("billing.stream")
		reactor.core.publisher.Flux<String> stream();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRunnerClients(GoodClient.class)
	static class ImportsGood {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportRunnerClients(BrokenClient.class)
	static class ImportsBroken {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RunnerAutoConfiguration.class, WebClientAutoConfiguration.class,
			RunnerClientAutoConfiguration.class })
	@ImportRunnerClients(GoodClient.class)
	static class BrokenApplication {

	}

}
