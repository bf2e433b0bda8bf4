package dev.runner.spring.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.runner.spring.Runner;
import dev.runner.spring.core.RunnerExecutionObserver;
import dev.runner.spring.observation.DefaultRunnerTaskObservationConvention;
import dev.runner.spring.observation.RunnerExecutionInstrumentation;
import dev.runner.spring.observation.RunnerExecutionStatistics;
import dev.runner.spring.observation.RunnerRequestMetrics;
import dev.runner.spring.observation.RunnerTaskObservationContext;
import dev.runner.spring.observation.RunnerTaskObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerObservationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class, RunnerWebFluxAutoConfiguration.class,
				RunnerObservationAutoConfiguration.class))
		.withUserConfiguration(ObservabilityTestSupport.Handlers.class);

	@Test
	void countsAndLogsWithoutObservationRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunnerExecutionInstrumentation.class)
				.hasSingleBean(RunnerExecutionStatistics.class)
				.doesNotHaveBean(RunnerRequestMetrics.class);
			assertThat(ObservabilityTestSupport.runTask(context, "app.tasks.add",
					new ObservabilityTestSupport.AddInput(1, 2)))
				.isEqualTo(3);
			assertThat(context.getBean(RunnerExecutionStatistics.class).task("app.tasks.add").succeeded()).isOne();
		});
	}

	@Test
	void observesExecutionsWithApplicationObservationRegistry() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry).run((context) -> {
			ObservabilityTestSupport.runTask(context, "app.tasks.add", new ObservabilityTestSupport.AddInput(1, 2));
			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasNameEqualTo("runner.task")
				.hasLowCardinalityKeyValue("runner.task.id", "app.tasks.add")
				.hasHighCardinalityKeyValue("runner.request.id", "req-1");
		});
	}

	@Test
	void observesInProcessCalls() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry).run((context) -> {
			Runner runner = context.getBean(Runner.class);
			assertThat(runner.runTask("app.tasks.add", Map.of("a", 2, "b", 3)).block()).isEqualTo(5);
			runner.emit("app.events.created", Map.of("a", 1, "b", 1)).block();
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("runner.task")
				.that()
				.hasLowCardinalityKeyValue("runner.task.id", "app.tasks.add")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS");
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("runner.event")
				.that()
				.hasLowCardinalityKeyValue("runner.event.id", "app.events.created");
		});
	}

	@Test
	void observesWithRegistryOfObservationAutoConfiguration() {
		List<Observation.Context> seen = new CopyOnWriteArrayList<>();
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withBean("recordingHandler", ObservationHandler.class, () -> recording(seen))
			.run((context) -> {
				ObservabilityTestSupport.runTask(context, "app.tasks.add", new ObservabilityTestSupport.AddInput(1, 2));
				assertThat(seen).singleElement()
					.isInstanceOfSatisfying(RunnerTaskObservationContext.class,
							(observed) -> assertThat(observed.getId()).isEqualTo("app.tasks.add"));
			});
	}

	@Test
	void turnsObservationsOffWithObservationsEnableProperty() {
		List<Observation.Context> seen = new CopyOnWriteArrayList<>();
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withBean("recordingHandler", ObservationHandler.class, () -> recording(seen))
			.withPropertyValues("management.observations.enable.runner=false")
			.run((context) -> {
				ObservabilityTestSupport.runTask(context, "app.tasks.add", new ObservabilityTestSupport.AddInput(1, 2));
				assertThat(seen).isEmpty();
				assertThat(context.getBean(RunnerExecutionStatistics.class).task("app.tasks.add").total()).isOne();
			});
	}

	@Test
	void usesUserConvention() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry)
			.withBean(RunnerTaskObservationConvention.class, () -> new DefaultRunnerTaskObservationConvention() {

				@Override
				public String getName() {
					return "app.runner.task";
				}

			})
			.run((context) -> {
				ObservabilityTestSupport.runTask(context, "app.tasks.add", new ObservabilityTestSupport.AddInput(1, 2));
				TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasNameEqualTo("app.runner.task");
			});
	}

	@Test
	void backsOffWhenUserDefinesInstrumentation() {
		RunnerExecutionInstrumentation mine = new RunnerExecutionInstrumentation(
				io.micrometer.observation.ObservationRegistry.NOOP, new RunnerExecutionStatistics());
		this.contextRunner.withBean(RunnerExecutionInstrumentation.class, () -> mine)
			.run((context) -> assertThat(context).getBean(RunnerExecutionObserver.class).isSameAs(mine));
	}

	@Test
	void countsRefusalsWhenMeterRegistryExists() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(RunnerRequestMetrics.class));
	}

	@Test
	void startsWithoutMicrometerCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RunnerExecutionInstrumentation.class)
				.doesNotHaveBean(RunnerRequestMetrics.class));
	}

	private static ObservationHandler<Observation.Context> recording(List<Observation.Context> seen) {
		return new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				seen.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		};
	}

}
