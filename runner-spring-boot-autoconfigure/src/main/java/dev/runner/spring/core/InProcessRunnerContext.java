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
 * The context of a call that did not come through a network door: a fresh request id, no headers, no exchange, no
 * async contexts, an authentication saying who started it ({@link RunnerAuthentication#IN_PROCESS} for the
 * {@code Runner} bean, {@link RunnerAuthentication#SCHEDULE} for a schedule), and the principal of the call an
 * in-process call is made from, if any.
 *
 * @since 0.1.0
 */
public final class InProcessRunnerContext extends AbstractRunnerContext {

	private final String requestId = UUID.randomUUID().toString();

	private final RunnerAuthentication authentication;

	private final @Nullable Principal principal;

	/**
	 * Creates the context of one call, with a fresh request id (a random UUID).
	 * @param serializer decodes async context values (there are none)
	 * @param authentication who started the call
	 * @since 0.2.0
	 */
	public InProcessRunnerContext(RunnerSerializer serializer, RunnerAuthentication authentication) {
		this(serializer, authentication, null);
	}

	InProcessRunnerContext(RunnerSerializer serializer, RunnerAuthentication authentication,
			@Nullable Principal principal) {
		super(serializer);
		this.authentication = authentication;
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
