package dev.runner.spring.autoconfigure;


import org.springframework.context.annotation.Configuration;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.testsupport.TestRunnerContexts;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRegistry;

/**
 * Handlers and helpers shared by the tests of the observability auto-configurations.
 */
final class ObservabilityTestSupport {

	private ObservabilityTestSupport() {
	}

	/** Runs a task through the context's {@link RunnerExecution}, as any caller would. */
	static Object runTask(org.springframework.context.ApplicationContext context, String id, Object input) {
		RunnerRegistry registry = context.getBean(RunnerRegistry.class);
		return context.getBean(RunnerExecution.class).runTask(registry.task(id), input, call("req-1")).block();
	}

	static RunnerContext call(String requestId) {
		return TestRunnerContexts.inProcess(requestId);
	}

	record AddInput(int a, int b) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@RunnerTask(value = "app.tasks.add", description = "adds")
		int add(AddInput input) {
			return input.a() + input.b();
		}

		@RunnerTask(value = "app.tasks.hidden", exposed = false)
		reactor.core.publisher.Mono<String> hidden() {
			return reactor.core.publisher.Mono.just("hidden");
		}

		@RunnerEvent(value = "app.events.created", order = 5)
		void created(AddInput payload) {
		}

	}

}
