package dev.runner.spring.core;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The context of an in-process call: a fresh request id, no headers, no exchange, no async contexts, authentication
 * {@link RunnerAuthentication#IN_PROCESS}, and the principal of the call it is made from, if any.
 */
final class InProcessRunnerContext extends AbstractRunnerContext {

	private final String requestId = UUID.randomUUID().toString();

	private final @Nullable Principal principal;

	InProcessRunnerContext(RunnerSerializer serializer, @Nullable Principal principal) {
		super(serializer);
		this.principal = principal;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Optional<org.springframework.security.core.Authentication> principal() {
		// An erased cast, as in RunnerContext: only an authenticated caller's principal is kept.
		return (Optional) Optional.ofNullable(this.principal);
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
