package dev.runner.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.runner.spring.actuate.RunnerEndpoint;
import dev.runner.spring.actuate.RunnerEndpoint.EventInfo;
import dev.runner.spring.actuate.RunnerEndpoint.ListenerInfo;
import dev.runner.spring.actuate.RunnerEndpoint.RunnerDescriptor;
import dev.runner.spring.actuate.RunnerEndpoint.ScheduleInfo;
import dev.runner.spring.actuate.RunnerEndpoint.TaskInfo;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.observation.RunnerExecutionStatistics.Counts;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				RunnerObservationAutoConfiguration.class, RunnerEndpointAutoConfiguration.class))
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class);

	@Test
	void createsEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=runner")
			.run((context) -> assertThat(context).hasSingleBean(RunnerEndpoint.class));
	}

	@Test
	void createsNoEndpointWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RunnerEndpoint.class));
	}

	@Test
	void createsNoEndpointWhenDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=runner",
					"management.endpoint.runner.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(RunnerEndpoint.class));
	}

	@Test
	void startsWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("management.endpoints.web.exposure.include=runner")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RunnerEndpoint.class)
				.hasSingleBean(RunnerRegistry.class));
	}

	@Test
	void backsOffWhenUserDefinesEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=runner")
			.withBean("myRunnerEndpoint", RunnerEndpoint.class,
					() -> new RunnerEndpoint(new RunnerRegistry(java.util.List.of()), null, null, null))
			.run((context) -> assertThat(context).hasSingleBean(RunnerEndpoint.class)
				.hasBean("myRunnerEndpoint"));
	}

	@Test
	void describesTasksAndEventsWithLiveCounts() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=runner", "runner.base-path=/rpc/")
			.run((context) -> {
				ObservabilityTestSupport.runTask(context, "app.tasks.add", new ObservabilityTestSupport.AddInput(1, 2));
				RunnerDescriptor descriptor = context.getBean(RunnerEndpoint.class).runner();
				assertThat(descriptor.basePath()).isEqualTo("/rpc");
				assertThat(descriptor.tasks()).extracting(TaskInfo::id)
					.containsExactly("app.tasks.add", "app.tasks.hidden");
				TaskInfo add = descriptor.tasks().get(0);
				assertThat(add.description()).isEqualTo("adds");
				assertThat(add.bean()).isEqualTo("observabilityTestSupport.Handlers");
				assertThat(add.method()).isEqualTo(ObservabilityTestSupport.Handlers.class.getName() + ".add(AddInput)");
				assertThat(add.handler()).endsWith("#add(AddInput)");
				assertThat(add.exposed()).isTrue();
				assertThat(add.inputType()).isEqualTo(ObservabilityTestSupport.AddInput.class.getName());
				assertThat(add.blocking()).isTrue();
				assertThat(add.calls()).isEqualTo(new Counts(1, 1, 0, 0, 0));
				TaskInfo hidden = descriptor.tasks().get(1);
				assertThat(hidden.exposed()).isFalse();
				assertThat(hidden.inputType()).isNull();
				assertThat(hidden.blocking()).isFalse();
				assertThat(hidden.calls()).isEqualTo(new Counts(0, 0, 0, 0, 0));
				EventInfo created = descriptor.events().get(0);
				assertThat(created.id()).isEqualTo("app.events.created");
				assertThat(created.exposed()).isTrue();
				assertThat(created.parallel()).isFalse();
				assertThat(created.listeners()).singleElement().satisfies((listener) -> {
					assertThat(listener.order()).isEqualTo(5);
					assertThat(listener.inputType()).isEqualTo(ObservabilityTestSupport.AddInput.class.getName());
				});
				assertThat(created.listeners()).extracting(ListenerInfo::method)
					.containsExactly(ObservabilityTestSupport.Handlers.class.getName() + ".created(AddInput)");
			});
	}

	@Test
	void listsNoSchedulesWithoutTheScheduler() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=runner")
			.run((context) -> assertThat(context.getBean(RunnerEndpoint.class).runner().schedules()).isNull());
	}

	@Test
	void listsSchedulesWithTheirNextRun() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(RunnerScheduleAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=runner",
					"runner.schedules[app.tasks.hidden].cron=0 0 6 * * *", "runner.schedules[app.tasks.hidden].zone=UTC")
			.run((context) -> {
				java.time.Instant before = java.time.Instant.now();
				RunnerDescriptor descriptor = context.getBean(RunnerEndpoint.class).runner();
				assertThat(descriptor.schedules()).singleElement().satisfies((schedule) -> {
					assertThat(schedule.taskId()).isEqualTo("app.tasks.hidden");
					assertThat(schedule.cron()).isEqualTo("0 0 6 * * *");
					assertThat(schedule.zone()).isEqualTo("UTC");
					java.time.Instant nextRun = java.time.Instant.parse(schedule.nextRun());
					assertThat(nextRun).isAfter(before).isBeforeOrEqualTo(before.plus(java.time.Duration.ofDays(1)));
					assertThat(nextRun.atZone(java.time.ZoneOffset.UTC).toLocalTime())
						.isEqualTo(java.time.LocalTime.of(6, 0));
					assertThat(schedule.runs()).isZero();
					assertThat(schedule.failures()).isZero();
					assertThat(schedule.skipped()).isZero();
				});
				assertThat(descriptor.schedules()).extracting(ScheduleInfo::taskId).containsExactly("app.tasks.hidden");
			});
	}

	@Test
	void reportsNothingExposedWhenTunnelIsOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=runner", "runner.enabled=false")
			.run((context) -> {
				RunnerDescriptor descriptor = context.getBean(RunnerEndpoint.class).runner();
				assertThat(descriptor.basePath()).isNull();
				assertThat(descriptor.tasks()).extracting(TaskInfo::exposed).containsOnly(false);
			});
	}

}
