package dev.runner.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.runner.spring.RunnerTask;
import dev.runner.spring.core.RunnerHandlerConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A handler mistake fails the start-up with Spring Boot's failure report listing the problems, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunnerHandlerConfigurationFailureAnalyzerTests {

	@Test
	void reportsHandlerProblemsAsApplicationFailedToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BrokenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(RunnerHandlerConfigurationException.class)
			.isThrownBy(() -> application.run("--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Runner handlers cannot be served:")
			.contains("  - " + Handlers.class.getName() + "#twoInputs(String, String) has two input parameters ('a' and 'b')")
			.contains("Action:")
			.contains("Fix the @RunnerTask and @RunnerEvent handlers")
			.doesNotContain("at dev.runner.spring.core.RunnerRegistry.initialize");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RunnerAutoConfiguration.class)
	@org.springframework.context.annotation.Import(Handlers.class)
	static class BrokenApplication {

	}

	static class Handlers {

		@RunnerTask("app.tasks.two")
		String twoInputs(String a, String b) {
			return a + b;
		}

	}

}
