package dev.runner.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.log.LogMessage;

import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerExposure;

/**
 * Logs, once the application has started, where the tunnel is served and what it exposes, and warns when no caller
 * can pass authentication.
 */
final class TunnelStartupReport implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(TunnelStartupReport.class);

	private final String basePath;

	private final RunnerRegistry registry;

	private final RunnerExposure exposure;

	private final RunnerAuthenticator authenticator;

	TunnelStartupReport(String basePath, RunnerRegistry registry, RunnerExposure exposure,
			RunnerAuthenticator authenticator) {
		this.basePath = basePath;
		this.registry = registry;
		this.exposure = exposure;
		this.authenticator = authenticator;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		logger.info(LogMessage.format("Runner tunnel served at '%s': %d of %d tasks and %d of %d events exposed",
				this.basePath, this.exposure.taskIds().size(), this.registry.tasks().size(),
				this.exposure.eventIds().size(), this.registry.events().size()));
		if (!this.authenticator.isUsable()) {
			logger.warn("Runner tunnel authentication is not configured: every call answers 500 AUTH_NOT_CONFIGURED. "
					+ "Set runner.auth.tokens, declare a RunnerAuthValidator bean, "
					+ "or set runner.auth.allow-anonymous=true");
		}
	}

}
