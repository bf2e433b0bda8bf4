package dev.runner.spring.autoconfigure;

import java.util.Optional;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;
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
		return new RunnerContext() {

			@Override
			public String requestId() {
				return requestId;
			}

			@Override
			public HttpHeaders headers() {
				return HttpHeaders.EMPTY;
			}

			@Override
			public RunnerAuthentication authentication() {
				return RunnerAuthentication.IN_PROCESS;
			}

			@Override
			public Optional<ServerWebExchange> exchange() {
				return Optional.empty();
			}

			@Override
			public Optional<String> asyncContext(String id) {
				return Optional.empty();
			}

			@Override
			public <T> Optional<T> asyncContext(String id, Class<T> type) {
				return Optional.empty();
			}

			@Override
			public boolean isCancelled() {
				return false;
			}

		};
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
