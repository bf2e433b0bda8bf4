package dev.runner.spring.core;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The context of a call that did not come through a network door: a fresh request id, no headers, no exchange, no
 * async contexts, and an authentication saying who started it ({@link RunnerAuthentication#IN_PROCESS} for the
 * {@code Runner} bean, {@link RunnerAuthentication#SCHEDULE} for a schedule).
 *
 * @since 0.1.0
 */
public final class InProcessRunnerContext extends AbstractRunnerContext {

	private final String requestId = UUID.randomUUID().toString();

	private final RunnerAuthentication authentication;

	InProcessRunnerContext(RunnerSerializer serializer) {
		this(serializer, RunnerAuthentication.IN_PROCESS);
	}

	/**
	 * Creates the context of one call, with a fresh request id (a random UUID).
	 * @param serializer decodes async context values (there are none)
	 * @param authentication who started the call
	 * @since 0.2.0
	 */
	public InProcessRunnerContext(RunnerSerializer serializer, RunnerAuthentication authentication) {
		super(serializer);
		this.authentication = authentication;
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
		return this.authentication;
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
