package dev.runner.spring.autoconfigure;

import com.github.victools.jsonschema.generator.SchemaGenerator;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.contract.RunnerContracts;
import dev.runner.spring.contract.RunnerOpenApiCustomizer;
import dev.runner.spring.core.RunnerExposure;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Auto-configuration of the published contracts (docs/tunnel-http.md §19): the JSON Schemas and TypeScript
 * declarations of the served tasks and events, generated at start-up with victools' generator and answered by the
 * tunnel at {@code BASE/schema} and {@code BASE/types.d.ts}; with springdoc-openapi present, the tasks and events as
 * operations of its OpenAPI document. Off with {@code runner.schema.enabled=false}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = RunnerWebFluxAutoConfiguration.class)
@ConditionalOnClass(SchemaGenerator.class)
@ConditionalOnBean({ RunnerRegistry.class, RunnerExposure.class })
@ConditionalOnBooleanProperty(name = "runner.schema.enabled", matchIfMissing = true)
public final class RunnerContractAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunnerContracts runnerContracts(RunnerRegistry registry, RunnerExposure exposure, RunnerSerializer serializer) {
		return new RunnerContracts(registry, exposure, serializer);
	}

	/**
	 * Generates the contracts once every handler is registered, so a type the generator cannot describe fails the
	 * start-up rather than the first request.
	 */
	@Bean
	SmartInitializingSingleton runnerContractsGeneration(RunnerContracts contracts) {
		return contracts::generate;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
	static class OpenApiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunnerOpenApiCustomizer runnerOpenApiCustomizer(RunnerContracts contracts, RunnerProperties properties) {
			return new RunnerOpenApiCustomizer(contracts, properties.getBasePath(), properties.getAuth().getHeader());
		}

	}

}
