package dev.runner.spring.core;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;

/**
 * A context for calls made straight on an invoker in tests.
 */
final class TestRunnerContext implements RunnerContext {

	static final TestRunnerContext INSTANCE = new TestRunnerContext();

	@Override
	public String requestId() {
		return "test-request";
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

}
