package dev.runner.spring.autoconfigure;

import java.time.Duration;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import dev.runner.spring.RunnerTask;
import dev.runner.spring.schedule.RunnerScheduleConfigurationException;
import dev.runner.spring.schedule.RunnerScheduler;
import dev.runner.spring.schedule.ScheduleLock;
import dev.runner.spring.schedule.ShedLockScheduleLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schedules' auto-configuration: what it makes with and without ShedLock, and the start-up failures of bad
 * schedules, each with its message, all listed at once in Spring Boot's failure report.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunnerScheduleAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerScheduleAutoConfiguration.class))
		.withUserConfiguration(Handlers.class);

	@Test
	void schedulesWithoutLockAndWithoutAThreadWhenThereIsNoSchedule() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunnerScheduler.class).doesNotHaveBean(ScheduleLock.class);
			assertThat(context.getBean(RunnerScheduler.class).schedules()).isEmpty();
			assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.noneMatch((name) -> name.startsWith("runner-schedule-"));
		});
	}

	@Test
	void locksWithTheApplicationsLockProvider() {
		this.contextRunner.withBean(LockProvider.class, () -> (configuration) -> Optional.empty())
			.run((context) -> assertThat(context).hasSingleBean(ShedLockScheduleLock.class));
	}

	@Test
	void startsWithoutShedLockOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("net.javacrumbs.shedlock"))
			.withPropertyValues("runner.schedules[app.tasks.plain].cron=0 0 * * * *")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RunnerScheduler.class);
				assertThat(context.getBean(RunnerScheduler.class).schedules()).singleElement()
					.satisfies((schedule) -> assertThat(schedule.nextRun()).isNotNull());
			});
	}

	@Test
	void backsOffWhenTheRunnerIsDisabled() {
		this.contextRunner.withPropertyValues("runner.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunnerScheduler.class));
	}

	@Test
	void shutsItsThreadsDownWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("runner.schedules[app.tasks.plain].cron=* * * * * *")
			.run((context) -> {
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.until(() -> scheduleThreads() > 0);
			});
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scheduleThreads() == 0);
	}

	private static long scheduleThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("runner-schedule-"))
			.count();
	}

	@Test
	void failsOnABadCron() {
		assertProblem("runner.schedules[app.tasks.plain].cron=0 0 25 * * *",
				"runner.schedules[app.tasks.plain].cron '0 0 25 * * *' is not a cron expression (");
	}

	@Test
	void failsOnABadAnnotationCron() {
		this.contextRunner.withUserConfiguration(BadAnnotation.class)
			.run((context) -> assertThat(problems(context)).singleElement()
				.asString()
				.startsWith("@RunnerTask(cron) of ")
				.contains("#yearly() 'every day' is not a cron expression ("));
	}

	@Test
	void failsOnABadZone() {
		assertProblem("runner.schedules[app.tasks.plain].zone=Mars/Olympus",
				"runner.schedules[app.tasks.plain].zone 'Mars/Olympus' is not a time zone id (");
	}

	@Test
	void failsOnAScheduleOfAnUnknownTask() {
		assertProblem("runner.schedules[app.tasks.nope].cron=0 0 * * * *",
				"runner.schedules[app.tasks.nope] names no task: check the id, or remove it");
	}

	@Test
	void failsOnAnInputThatIsNotRunnerJson() {
		assertProblem("runner.schedules[app.tasks.typed].input={\"a\":",
				"runner.schedules[app.tasks.typed].input is not runner JSON (");
	}

	@Test
	void failsOnAnInputThatDoesNotConvert() {
		assertProblem("runner.schedules[app.tasks.typed].input={\"a\":\"x\",\"b\":2}",
				"runner.schedules[app.tasks.typed].input does not convert to " + AddInput.class.getTypeName()
						+ ", the input type of ");
	}

	@Test
	void failsOnAScheduleWithoutCron() {
		this.contextRunner.withPropertyValues("runner.schedules[app.tasks.plain].zone=UTC")
			.run((context) -> assertThat(problems(context)).singleElement()
				.asString()
				.startsWith("runner.schedules[app.tasks.plain] has no cron, and ")
				.endsWith("#plain() declares no @RunnerTask(cron): set runner.schedules[app.tasks.plain].cron"));
	}

	@Test
	void failsOnAnInputForATaskWithoutInput() {
		assertProblem("runner.schedules[app.tasks.plain].input=1",
				"runner.schedules[app.tasks.plain].input is set but ");
	}

	@Test
	void failsOnBadLockDurations() {
		assertProblem("runner.schedules[app.tasks.plain].lock-at-least-for=1h",
				"runner.schedules[app.tasks.plain].lock-at-least-for is PT1H: it must be between 0 and "
						+ "runner.schedules[app.tasks.plain].lock-at-most-for (PT10M)");
	}

	private void assertProblem(String property, String problem) {
		this.contextRunner
			.withPropertyValues("runner.schedules[app.tasks.typed].cron=0 0 * * * *",
					"runner.schedules[app.tasks.plain].cron=0 0 * * * *", property)
			.run((context) -> assertThat(problems(context)).singleElement().asString().startsWith(problem));
	}

	private static java.util.List<String> problems(
			org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof RunnerScheduleConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("the start-up failure").isInstanceOf(RunnerScheduleConfigurationException.class);
		return ((RunnerScheduleConfigurationException) failure).problems();
	}

	@Test
	void reportsEveryBadScheduleAsApplicationFailedToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BrokenApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(RunnerScheduleConfigurationException.class)
			.isThrownBy(() -> application.run("--spring.main.banner-mode=off",
					"--runner.schedules[app.tasks.plain].cron=nope", "--runner.schedules[app.tasks.typed].cron=@daily",
					"--runner.schedules[app.tasks.typed].zone=Nowhere", "--runner.schedules[app.tasks.gone].cron=@daily"))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(3));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Runner schedules cannot be run:")
			.contains("  - runner.schedules[app.tasks.gone] names no task: check the id, or remove it")
			.contains("  - runner.schedules[app.tasks.plain].cron 'nope' is not a cron expression (")
			.contains("  - runner.schedules[app.tasks.typed].zone 'Nowhere' is not a time zone id (")
			.contains("Fix the runner.schedules[<task id>] properties or the @RunnerTask(cron, zone) attributes")
			.doesNotContain("at dev.runner.spring.schedule.Schedules.resolve");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RunnerAutoConfiguration.class, RunnerScheduleAutoConfiguration.class })
	@Import(Handlers.class)
	static class BrokenApplication {

	}

	record AddInput(int a, int b) {
	}

	static class Handlers {

		@RunnerTask("app.tasks.plain")
		void plain() {
		}

		@RunnerTask("app.tasks.typed")
		int typed(AddInput input) {
			return input.a() + input.b();
		}

	}

	static class BadAnnotation {

		@RunnerTask(value = "app.tasks.yearly", cron = "every day")
		void yearly() {
		}

	}

}
