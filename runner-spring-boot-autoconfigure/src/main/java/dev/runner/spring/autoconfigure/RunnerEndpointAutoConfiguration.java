package dev.runner.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.actuate.RunnerEndpoint;
import dev.runner.spring.contract.RunnerContracts;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerBrokerStatistics;
import dev.runner.spring.core.RunnerScheduleStatistics;
import dev.runner.spring.core.RunnerSocketStatistics;
import dev.runner.spring.observation.RunnerExecutionStatistics;
import dev.runner.spring.core.RunnerExposure;

/**
 * Auto-configuration of the {@code runner} actuator endpoint ({@link RunnerEndpoint}). Whether it is exposed over
 * HTTP is the application's choice ({@code management.endpoints.web.exposure.include}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
		RunnerObservationAutoConfiguration.class, RunnerScheduleAutoConfiguration.class })
@ConditionalOnClass(
		name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
@ConditionalOnBean(RunnerRegistry.class)
public final class RunnerEndpointAutoConfiguration {

	/**
	 * Read only when actuator is present: its condition classes cannot be loaded otherwise.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(RunnerEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunnerEndpoint runnerEndpoint(RunnerRegistry registry, ObjectProvider<RunnerExposure> exposure,
				ObjectProvider<RunnerExecutionStatistics> statistics, ObjectProvider<RunnerSocketStatistics> sockets,
				ObjectProvider<RunnerBrokerStatistics> broker, ObjectProvider<RunnerScheduleStatistics> schedules,
				ObjectProvider<RunnerContracts> contracts, RunnerProperties properties) {
			RunnerExposure served = exposure.getIfAvailable();
			String basePath = (served != null) ? properties.getBasePath() : null;
			RunnerEndpoint endpoint = new RunnerEndpoint(registry, served, basePath, statistics.getIfAvailable());
			endpoint.setSockets(sockets.getIfUnique());
			endpoint.setBroker(broker.getIfUnique());
			endpoint.setSchedules(schedules.getIfUnique());
			endpoint.setContracts(contracts.getIfAvailable());
			return endpoint;
		}

	}

}
