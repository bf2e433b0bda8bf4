package dev.runner.spring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import dev.runner.spring.client.RunnerClient;
import dev.runner.spring.client.RunnerClientConfigurationException;
import dev.runner.spring.client.RunnerClientObservationConvention;
import dev.runner.spring.client.RunnerClients;
import dev.runner.spring.client.RunnerErrorRegistry;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Auto-configuration of the Java client: a {@link RunnerClients} bean with one {@link RunnerClient} per
 * {@code runner.clients.<name>}, each on the {@link WebClient.Builder} Boot configures (its codecs, connector, SSL
 * bundles and {@code http.client.requests} observations), the runner serializer with the application's
 * {@code RunnerTypeCodec}s, the application's {@link RunnerErrorRegistry} and {@link ObservationRegistry}; and a bean
 * for every {@code @RunnerServiceClient} interface in the application's packages.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = RunnerAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean(RunnerSerializer.class)
@EnableConfigurationProperties(RunnerClientProperties.class)
@Import(RunnerServiceClientScanRegistrar.class)
public final class RunnerClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunnerClients runnerClients(RunnerClientProperties properties, ObjectProvider<WebClient.Builder> webClient,
			RunnerSerializer serializer, ObjectProvider<RunnerErrorRegistry> errors,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RunnerClientObservationConvention> convention) {
		Map<String, RunnerClient> clients = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		properties.getClients().forEach((name, client) -> {
			if (!StringUtils.hasText(client.getBaseUrl())) {
				problems.add("runner.clients." + name + ".base-url is not set");
				return;
			}
			RunnerClient.Builder builder = RunnerClient.builder()
				.name(name)
				.baseUrl(client.getBaseUrl())
				.token(client.getToken())
				.authHeader(client.getAuthHeader())
				.timeout(client.getTimeout())
				.maxAnswerSize(client.getMaxAnswerSize())
				.serializer(serializer)
				.errors(errors.getIfAvailable(RunnerErrorRegistry::empty))
				.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			client.getHeaders().forEach(builder::header);
			webClient.ifAvailable(builder::webClient);
			convention.ifUnique(builder::observationConvention);
			clients.put(name, builder.build());
		});
		if (!problems.isEmpty()) {
			throw new RunnerClientConfigurationException(problems);
		}
		return new RunnerClients(clients);
	}

}
