package dev.runner.spring.core;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The context of an in-process call: a fresh request id, no headers, no exchange, no async contexts, authentication
 * {@link RunnerAuthentication#IN_PROCESS}.
 */
final class InProcessRunnerContext extends AbstractRunnerContext {

	private final String requestId = UUID.randomUUID().toString();

	InProcessRunnerContext(RunnerSerializer serializer) {
		super(serializer);
	}

	@Override
	public String requestId() {
		return this.requestId;
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

}
