package dev.runner.spring.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TunnelStartupReportTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class))
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class);

	@Test
	void summarisesBasePathAndExposedHandlers(CapturedOutput output) {
		this.contextRunner.withPropertyValues("runner.auth.tokens=tok-startup-42", "runner.base-path=rpc/")
			.run((context) -> {
				report(context);
				assertThat(output)
					.contains("Runner tunnel served at '/rpc': 1 of 2 tasks and 1 of 1 events exposed")
					.doesNotContain("authentication is not configured")
					.doesNotContain("tok-startup-42");
			});
	}

	@Test
	void warnsWhenAuthIsNotConfigured(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			report(context);
			assertThat(output).contains("WARN")
				.contains("Runner tunnel authentication is not configured: every call answers 500 "
						+ "AUTH_NOT_CONFIGURED");
		});
	}

	private static void report(AssertableReactiveWebApplicationContext context) {
		context.getBean(TunnelStartupReport.class)
			.onApplicationEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0],
					context.getSourceApplicationContext(), Duration.ZERO));
	}

}
