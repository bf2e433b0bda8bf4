package dev.runner.spring.autoconfigure;

import java.util.Map;

import com.github.victools.jsonschema.generator.SchemaGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.runner.spring.actuate.RunnerEndpoint;
import dev.runner.spring.contract.RunnerContracts;
import dev.runner.spring.contract.RunnerOpenApiCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerContractAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				RunnerContractAutoConfiguration.class, RunnerEndpointAutoConfiguration.class))
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class);

	@Test
	void generatesTheContractsOfTheServedTasksAtStartUp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunnerContracts.class).hasSingleBean(RunnerOpenApiCustomizer.class);
			RunnerContracts contracts = context.getBean(RunnerContracts.class);
			assertThat(contracts.schemas().path("tasks").propertyNames()).contains("app.tasks.add")
				.doesNotContain("app.tasks.hidden");
			assertThat(contracts.typeDeclarations()).contains("export interface AddInput {");
		});
	}

	@Test
	void listsTheSchemasInTheEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=runner").run((context) -> {
			Map<String, Object> schemas = context.getBean(RunnerEndpoint.class).runner().schemas();
			assertThat(schemas).containsKeys("tasks", "events");
			assertThat(((Map<?, ?>) schemas.get("tasks")).keySet()).extracting(Object::toString).contains("app.tasks.add");
		});
	}

	@Test
	void offWhenDisabled() {
		this.contextRunner.withPropertyValues("runner.schema.enabled=false",
				"management.endpoints.web.exposure.include=runner")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RunnerContracts.class);
				assertThat(context.getBean(RunnerEndpoint.class).runner().schemas()).isNull();
			});
	}

	@Test
	void offWithoutTheGenerator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SchemaGenerator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunnerContracts.class));
	}

	@Test
	void noOpenApiOperationsWithoutSpringdoc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springdoc"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RunnerContracts.class)
				.doesNotHaveBean(RunnerOpenApiCustomizer.class));
	}

}
