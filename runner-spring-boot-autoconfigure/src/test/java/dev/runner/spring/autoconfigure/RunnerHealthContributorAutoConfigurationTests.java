package dev.runner.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.runner.spring.RunnerAuthValidator;
import dev.runner.spring.actuate.RunnerHealthIndicator;
import dev.runner.spring.core.RunnerRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerHealthContributorAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				RunnerHealthContributorAutoConfiguration.class))
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class);

	@Test
	void isDownWhenAuthIsNotConfigured() {
		this.contextRunner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("auth", "not configured")
				.containsEntry("basePath", "/__runner")
				.containsEntry("exposedTasks", 1)
				.containsEntry("exposedEvents", 1);
			assertThat((String) health.getDetails().get("reason")).contains("AUTH_NOT_CONFIGURED")
				.contains("runner.auth.tokens");
		});
	}

	@Test
	void isUpWithTokens() {
		this.contextRunner.withPropertyValues("runner.auth.tokens=secret").run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("auth", "configured").doesNotContainKey("reason");
			assertThat(health.getDetails().toString()).doesNotContain("secret");
		});
	}

	@Test
	void isUpWithValidator() {
		this.contextRunner.withBean(RunnerAuthValidator.class, () -> (request) -> Mono.just(true))
			.run((context) -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
	}

	@Test
	void isUpWhenAnonymousCallsAreAllowed() {
		this.contextRunner.withPropertyValues("runner.auth.allow-anonymous=true").run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("auth", "anonymous");
		});
	}

	@Test
	void isUpWhenNothingIsExposed() {
		this.contextRunner.withPropertyValues("runner.exposure.tasks=none.*", "runner.exposure.events=none.*")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("auth", "not configured")
					.containsEntry("exposedTasks", 0);
			});
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.runner.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunnerHealthIndicator.class));
	}

	@Test
	void isOffWhenTunnelIsOff() {
		this.contextRunner.withPropertyValues("runner.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunnerHealthIndicator.class)
				.hasSingleBean(RunnerRegistry.class));
	}

	@Test
	void startsWithoutHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunnerHealthIndicator.class));
	}

	@Test
	void backsOffWhenUserDefinesIndicator() {
		ReactiveHealthIndicator mine = () -> Mono.just(Health.up().build());
		this.contextRunner.withBean("runnerHealthIndicator", ReactiveHealthIndicator.class, () -> mine)
			.run((context) -> assertThat(context).doesNotHaveBean(RunnerHealthIndicator.class)
				.getBean("runnerHealthIndicator")
				.isSameAs(mine));
	}

	private static Health health(AssertableReactiveWebApplicationContext context) {
		Health health = context.getBean(RunnerHealthIndicator.class).health().block();
		assertThat(health).isNotNull();
		return health;
	}

}
