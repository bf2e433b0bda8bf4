package dev.runner.spring.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerException;
import dev.runner.spring.core.InvalidInputException;
import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.core.TaskTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RunnerExecutionInstrumentationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final RunnerExecutionStatistics statistics = new RunnerExecutionStatistics();

	private final RunnerExecutionInstrumentation instrumentation = new RunnerExecutionInstrumentation(this.registry,
			this.statistics);

	@AfterEach
	void leavesNoThreadLocalBehind() {
		assertThat(MDC.get(RunnerContext.REQUEST_ID_KEY)).isNull();
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void observesSuccessfulTaskRun() {
		Mono<Object> run = this.instrumentation.observeTask(TestContexts.task("app.tasks.add"),
				TestContexts.context("req-1"), Mono.just(3));
		StepVerifier.create(run).expectNext(3).verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasNameEqualTo("runner.task")
			.hasContextualNameEqualTo("task app.tasks.add")
			.hasLowCardinalityKeyValue("runner.task.id", "app.tasks.add")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("error.code", "none")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasHighCardinalityKeyValue("runner.request.id", "req-1")
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(this.statistics.task("app.tasks.add")).isEqualTo(new RunnerExecutionStatistics.Counts(1, 1, 0, 0, 0));
	}

	@Test
	void observesSuccessfulEventEmission() {
		Mono<Object> emission = this.instrumentation.observeEvent(TestContexts.event("app.events.created"),
				TestContexts.context("req-2"), Mono.just("payload"));
		StepVerifier.create(emission).expectNext("payload").verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasNameEqualTo("runner.event")
			.hasContextualNameEqualTo("event app.events.created")
			.hasLowCardinalityKeyValue("runner.event.id", "app.events.created")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("error.code", "none")
			.hasHighCardinalityKeyValue("runner.request.id", "req-2")
			.hasBeenStopped();
		assertThat(this.statistics.event("app.events.created").succeeded()).isEqualTo(1);
		assertThat(this.statistics.task("app.events.created").total()).isZero();
	}

	@Test
	void countsEmptyResultAsSuccess() {
		StepVerifier.create(observeTask(Mono.empty())).verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	@Test
	void tagsUntypedFailureAsInternalError() {
		StepVerifier.create(observeTask(Mono.error(new IllegalStateException("boom")))).verifyError();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "ERROR")
			.hasLowCardinalityKeyValue("error.code", "INTERNAL_ERROR")
			.hasLowCardinalityKeyValue("exception", "IllegalStateException")
			.assertThatError()
			.isInstanceOf(IllegalStateException.class);
		assertThat(this.statistics.task("app.tasks.t")).isEqualTo(new RunnerExecutionStatistics.Counts(1, 0, 1, 0, 0));
	}

	@Test
	void tagsTypedFailureAsInternalError() {
		StepVerifier.create(observeTask(Mono.error(new RunnerException("app.errors.Conflict", "dup", Map.of(), 409))))
			.verifyError();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "ERROR")
			.hasLowCardinalityKeyValue("error.code", "INTERNAL_ERROR")
			.hasLowCardinalityKeyValue("exception", "RunnerException");
	}

	@Test
	void tagsInvalidInput() {
		InvalidInputException invalid = new InvalidInputException(
				List.of(new InvalidInputException.Violation("a", "must be positive")));
		StepVerifier.create(observeTask(Mono.error(invalid))).verifyError();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("error.code", "INVALID_INPUT")
			.hasLowCardinalityKeyValue("exception", "InvalidInputException");
	}

	@Test
	void tagsCancellationExceptionAsAborted() {
		StepVerifier.create(observeTask(Mono.error(new CancellationException()))).verifyError();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "ERROR")
			.hasLowCardinalityKeyValue("error.code", "REQUEST_ABORTED");
	}

	@Test
	void tagsRejectionWithItsOwnCode() {
		StepVerifier.create(observeTask(Mono.error(new RunnerRejectedException(503, "OVERLOADED", "busy"))))
			.verifyError();
		StepVerifier.create(observeTask(Mono.error(new RunnerRejectedException(403, "FORBIDDEN", "no"))))
			.verifyError();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("runner.task", 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("error.code", "OVERLOADED"))
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("error.code", "FORBIDDEN"));
	}

	@Test
	void tagsTimeoutAsInternalError() {
		StepVerifier.create(observeTask(Mono.error(new TaskTimeoutException("app.tasks.t", 10)))).verifyError();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("error.code", "INTERNAL_ERROR")
			.hasLowCardinalityKeyValue("exception", "TaskTimeoutException");
	}

	@Test
	void tagsCancelledRunAsUnknownAndAborted() {
		StepVerifier.create(observeTask(Mono.never())).thenAwait(Duration.ofMillis(10)).thenCancel().verify();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "UNKNOWN")
			.hasLowCardinalityKeyValue("error.code", "REQUEST_ABORTED")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasBeenStopped();
		assertThat(this.statistics.task("app.tasks.t")).isEqualTo(new RunnerExecutionStatistics.Counts(1, 0, 0, 1, 0));
	}

	@Test
	void startsOnSubscriptionNotOnAssembly() {
		Sinks.One<Object> result = Sinks.one();
		Mono<Object> run = observeTask(result.asMono());
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
		assertThat(this.statistics.task("app.tasks.t").total()).isZero();
		StepVerifier.create(run).then(() -> {
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStarted()
				.isNotStopped();
			assertThat(this.statistics.task("app.tasks.t").active()).isEqualTo(1);
			result.tryEmitValue("late");
		}).expectNext("late").verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry).hasSingleObservationThat().hasBeenStopped();
		assertThat(this.statistics.task("app.tasks.t").active()).isZero();
	}

	@Test
	void observesEverySubscriptionOnItsOwn() {
		Mono<Object> run = observeTask(Mono.just(1));
		StepVerifier.create(run).expectNext(1).verifyComplete();
		StepVerifier.create(run).expectNext(1).verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry).hasNumberOfObservationsEqualTo(2);
		assertThat(this.statistics.task("app.tasks.t").succeeded()).isEqualTo(2);
	}

	@Test
	void putsObservationInScopeWhileTheHandlerRunsWithAutomaticContextPropagation() {
		AtomicReference<Observation> current = new AtomicReference<>();
		Mono<Object> handler = Mono.fromSupplier(() -> {
			current.set(this.registry.getCurrentObservation());
			return "ok";
		});
		Hooks.enableAutomaticContextPropagation();
		try {
			StepVerifier.create(observeTask(handler)).expectNext("ok").verifyComplete();
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
		assertThat(current.get()).isNotNull();
		assertThat(current.get().getContext()).isInstanceOf(RunnerTaskObservationContext.class);
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void isChildOfObservationInSubscriberContext() {
		Observation parent = Observation.start("http.server.requests", this.registry);
		StepVerifier.create(observeTask(Mono.just(1)).contextWrite((context) -> context
			.put(ObservationThreadLocalAccessor.KEY, parent))).expectNext(1).verifyComplete();
		parent.stop();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("runner.task")
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void putsObservationInContextForNestedObservations() {
		AtomicReference<Object> inContext = new AtomicReference<>();
		Mono<Object> handler = Mono.deferContextual((context) -> {
			inContext.set(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			return Mono.just(1);
		});
		StepVerifier.create(observeTask(handler)).expectNext(1).verifyComplete();
		assertThat(inContext.get()).isInstanceOf(Observation.class);
		assertThat(((Observation) inContext.get()).getContext()).isInstanceOf(RunnerTaskObservationContext.class);
	}

	@Test
	void usesCustomConventions() {
		RunnerTaskObservationConvention tasks = new DefaultRunnerTaskObservationConvention() {

			@Override
			public String getName() {
				return "custom.task";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(RunnerTaskObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "notes");
			}

		};
		RunnerEventObservationConvention events = new DefaultRunnerEventObservationConvention() {

			@Override
			public String getName() {
				return "custom.event";
			}

		};
		RunnerExecutionInstrumentation custom = new RunnerExecutionInstrumentation(this.registry, tasks, events,
				this.statistics);
		StepVerifier.create(custom.observeTask(TestContexts.task("a"), TestContexts.context("r"), Mono.just(1)))
			.expectNextCount(1)
			.verifyComplete();
		StepVerifier.create(custom.observeEvent(TestContexts.event("e"), TestContexts.context("r"), Mono.just(1)))
			.expectNextCount(1)
			.verifyComplete();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("custom.task")
			.that()
			.hasLowCardinalityKeyValue("team", "notes")
			.hasLowCardinalityKeyValue("runner.task.id", "a");
		TestObservationRegistryAssert.assertThat(this.registry).hasObservationWithNameEqualTo("custom.event");
	}

	@Test
	void countsWithoutObservationRegistry() {
		RunnerExecutionInstrumentation noop = new RunnerExecutionInstrumentation(ObservationRegistry.NOOP,
				this.statistics);
		StepVerifier.create(noop.observeTask(TestContexts.task("a"), TestContexts.context("r"), Mono.just(1)))
			.expectNext(1)
			.verifyComplete();
		StepVerifier
			.create(noop.observeTask(TestContexts.task("a"), TestContexts.context("r"),
					Mono.error(new IllegalStateException())))
			.verifyError();
		assertThat(this.statistics.task("a")).isEqualTo(new RunnerExecutionStatistics.Counts(2, 1, 1, 0, 0));
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
	}

	private Mono<Object> observeTask(Mono<Object> execution) {
		return this.instrumentation.observeTask(TestContexts.task("app.tasks.t"), TestContexts.context("req"),
				execution);
	}

}
