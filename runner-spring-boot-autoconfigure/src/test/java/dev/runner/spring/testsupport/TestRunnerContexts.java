package dev.runner.spring.testsupport;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;

/**
 * {@link RunnerContext}s for calls made straight on the execution pipeline in tests: a given request id, no headers,
 * no exchange, no async contexts, authentication {@link RunnerAuthentication#IN_PROCESS}.
 */
public final class TestRunnerContexts {

	private TestRunnerContexts() {
	}

	public static RunnerContext inProcess(String requestId) {
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

}
