package dev.runner.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;
import dev.runner.spring.testsupport.TestRunnerContexts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the execution pipeline adds around every call, with real handlers: the request id in the Reactor context and,
 * through Micrometer context propagation, in the MDC (on the handler's thread always, on every thread with Reactor's
 * automatic propagation), and the one log line of a failed execution.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunnerExecutionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class))
		.withUserConfiguration(Handlers.class);

	@AfterEach
	void leavesNoRequestIdBehind() {
		Hooks.disableAutomaticContextPropagation();
		assertThat(MDC.get(RunnerContext.REQUEST_ID_KEY)).isNull();
	}

	@Test
	void putsRequestIdInMdcOfEveryThreadTheCallRunsOnWithAutomaticContextPropagation() {
		Hooks.enableAutomaticContextPropagation();
		this.contextRunner.run((context) -> {
			Handlers handlers = context.getBean(Handlers.class);
			StepVerifier.create(run(context, "exec.blocking", "req-b")).expectNext("blocking").verifyComplete();
			StepVerifier.create(run(context, "exec.delayed", "req-d")).expectNext("delayed").verifyComplete();
			List<String> seen = handlers.seen;
			assertThat(seen).hasSize(3);
			assertThat(seen.get(0)).startsWith("boundedElastic-").endsWith("=req-b");
			assertThat(seen.get(1)).isEqualTo("assembly=req-d");
			assertThat(seen.get(2)).startsWith("parallel-").endsWith("=req-d");
		});
	}

	@Test
	void putsRequestIdInMdcWhileTheHandlerMethodRunsWithoutAutomaticContextPropagation() {
		this.contextRunner.run((context) -> {
			Handlers handlers = context.getBean(Handlers.class);
			StepVerifier.create(run(context, "exec.blocking", "req-b")).expectNext("blocking").verifyComplete();
			StepVerifier.create(run(context, "exec.delayed", "req-d")).expectNext("delayed").verifyComplete();
			assertThat(handlers.seen.get(0)).startsWith("boundedElastic-").endsWith("=req-b");
			assertThat(handlers.seen.get(1)).isEqualTo("assembly=req-d");
		});
	}

	@Test
	void putsRequestIdInReactorContextOfTheExecution() {
		this.contextRunner.run((context) -> StepVerifier.create(run(context, "exec.fromContext", "req-c"))
			.expectNext("req-c")
			.verifyComplete());
	}

	@Test
	void restoresOuterRequestIdAfterNestedCall() {
		Hooks.enableAutomaticContextPropagation();
		this.contextRunner.run((context) -> {
			Handlers handlers = context.getBean(Handlers.class);
			handlers.execution = context.getBean(RunnerExecution.class);
			handlers.inner = context.getBean(RunnerRegistry.class).task("exec.inner");
			StepVerifier.create(run(context, "exec.outer", "req-outer")).expectNext("inner").verifyComplete();
			assertThat(handlers.inInner.get()).isEqualTo("req-inner");
			assertThat(handlers.afterInner.get()).isEqualTo("req-outer");
		});
	}

	@Test
	void logsServerFailureOnceAtErrorWithStackTrace(CapturedOutput output) {
		this.contextRunner.run((context) -> StepVerifier.create(run(context, "app.tasks.fail", "req-f")).verifyError());
		assertThat(output).contains("ERROR")
			.contains("Runner task failed: runner.task.id=app.tasks.fail runner.request.id=req-f "
					+ "error.code=INTERNAL_ERROR exception=java.lang.IllegalStateException")
			.contains("java.lang.IllegalStateException: db down")
			.contains("at dev.runner.spring.core.RunnerExecutionTests");
		assertThat(output.toString().split("Runner task failed", -1)).hasSize(2);
	}

	@Test
	void logsTypedServerErrorAtError(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			EventDescriptor event = context.getBean(RunnerRegistry.class).event("app.events.e");
			StepVerifier.create(context.getBean(RunnerExecution.class)
				.emit(event, null, TestRunnerContexts.inProcess("req-t"))).verifyError();
		});
		assertThat(output).contains("Runner event failed: runner.event.id=app.events.e runner.request.id=req-t "
				+ "error.code=INTERNAL_ERROR exception=dev.runner.spring.RunnerException");
	}

	@Test
	void doesNotLogCallerFailuresAtInfo(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			StepVerifier.create(run(context, "app.tasks.notFound", "req")).verifyError();
			StepVerifier.create(run(context, "app.tasks.invalid", "req")).verifyError();
			StepVerifier.create(run(context, "app.tasks.cancelled", "req")).verifyError();
		});
		assertThat(output).doesNotContain("Runner task failed");
	}

	private static Mono<Object> run(ApplicationContext context, String id, String requestId) {
		TaskDescriptor task = context.getBean(RunnerRegistry.class).task(id);
		return context.getBean(RunnerExecution.class).runTask(task, null, TestRunnerContexts.inProcess(requestId));
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final List<String> seen = new CopyOnWriteArrayList<>();

		final AtomicReference<String> inInner = new AtomicReference<>();

		final AtomicReference<String> afterInner = new AtomicReference<>();

		@Nullable RunnerExecution execution;

		@Nullable TaskDescriptor inner;

		@RunnerTask("exec.blocking")
		String blocking() {
			this.seen.add(Thread.currentThread().getName() + "=" + MDC.get(RunnerContext.REQUEST_ID_KEY));
			return "blocking";
		}

		@RunnerTask("exec.delayed")
		Mono<String> delayed() {
			this.seen.add("assembly=" + MDC.get(RunnerContext.REQUEST_ID_KEY));
			return Mono.just("delayed")
				.delayElement(Duration.ofMillis(5))
				.doOnNext((value) -> this.seen
					.add(Thread.currentThread().getName() + "=" + MDC.get(RunnerContext.REQUEST_ID_KEY)));
		}

		@RunnerTask("exec.fromContext")
		Mono<String> fromContext() {
			return Mono.deferContextual((context) -> Mono.just(context.get(RunnerContext.REQUEST_ID_KEY)));
		}

		@RunnerTask("exec.outer")
		Mono<Object> outer() {
			return this.execution.runTask(this.inner, null, TestRunnerContexts.inProcess("req-inner"))
				.doOnNext((value) -> this.afterInner.set(MDC.get(RunnerContext.REQUEST_ID_KEY)));
		}

		@RunnerTask("exec.inner")
		Mono<String> inner() {
			return Mono.fromSupplier(() -> {
				this.inInner.set(MDC.get(RunnerContext.REQUEST_ID_KEY));
				return "inner";
			});
		}

		@RunnerTask("app.tasks.fail")
		void fail() {
			throw new IllegalStateException("db down");
		}

		@RunnerEvent("app.events.e")
		void down(@Nullable Object payload) {
			throw new RunnerException("app.errors.Down", "down");
		}

		@RunnerTask("app.tasks.notFound")
		void notFound() {
			throw new RunnerException("app.errors.NotFound", "nope", null, 404);
		}

		@RunnerTask("app.tasks.invalid")
		void invalid() {
			throw new InvalidInputException(List.of(new InvalidInputException.Violation("", "required")));
		}

		@RunnerTask("app.tasks.cancelled")
		Mono<Void> cancelled() {
			return Mono.error(new CancellationException());
		}

	}

}
