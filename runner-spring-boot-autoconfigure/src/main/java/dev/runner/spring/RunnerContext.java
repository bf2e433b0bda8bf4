package dev.runner.spring;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a handler may know about the call it serves. Declare a parameter of this type on a {@link RunnerTask} or
 * {@link RunnerEvent} method to receive it.
 *
 * @since 0.1.0
 */
public interface RunnerContext {

	/**
	 * The key of the call's request id in the Reactor context of its execution, and in the logging MDC on the threads
	 * the call runs on: always while its handler method is called (on the event loop or the blocking scheduler), and on
	 * every thread of the call with Reactor's automatic context propagation
	 * ({@code spring.reactor.context-propagation=auto}).
	 */
	String REQUEST_ID_KEY = "runner.requestId";

	/**
	 * The key of the call's {@code RunnerContext} in the Reactor context of its execution, where the Java client finds
	 * the {@code x-runner-context} to forward (docs/tunnel-http.md §12).
	 */
	String CONTEXT_KEY = "runner.context";

	/**
	 * Returns the id of this call, echoed in the {@code x-runner-request-id} response header (docs/tunnel-http.md §9).
	 * @return the request id, never empty
	 */
	String requestId();

	/**
	 * Returns the request headers (read-only); empty for an in-process call.
	 * @return the headers
	 */
	HttpHeaders headers();

	/**
	 * Returns what authenticated the call.
	 * @return the authentication
	 */
	RunnerAuthentication authentication();

	/**
	 * Returns Spring Security's authentication of the call: with {@code runner.auth.mode=spring-security}, what the
	 * application's authentication beans made of the credentials of an HTTP or socket call (a
	 * {@code JwtAuthenticationToken} for a bearer JWT, a {@code UsernamePasswordAuthenticationToken} for HTTP basic);
	 * for an in-process call made while serving such a call, that call's. Empty in {@code token} mode, for scheduled
	 * runs and for other in-process calls, whose {@code @PreAuthorize} checks use the caller's
	 * {@code ReactiveSecurityContextHolder} instead (docs/tunnel-http.md §5.3).
	 * @return the authentication, or empty
	 * @since 0.2.0
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	default Optional<org.springframework.security.core.Authentication> principal() {
		// An erased cast: the Authentication class is only loaded by callers, so that this interface works without
		// Spring Security on the class path. Only Spring Security's authenticator sets a principal.
		return (Optional) Optional.ofNullable(authentication().principal());
	}

	/**
	 * Returns the HTTP exchange of the call.
	 * @return the exchange, or empty for an in-process call
	 */
	Optional<ServerWebExchange> exchange();

	/**
	 * Returns the serialized value of one async context sent by the caller in the {@code x-runner-context} header
	 * (docs/tunnel-http.md §12). The value is the context's own serialization, by default the runner serializer's text of
	 * the value, so {@code "\"acme\""} for the string {@code acme}. A header that cannot be decoded counts as absent.
	 * @param id the context id, for example {@code app.ctx.tenant}
	 * @return the serialized value, or empty when the caller sent none
	 */
	Optional<String> asyncContext(String id);

	/**
	 * Returns the value of one async context sent by the caller, decoded with the runner serializer and converted to a
	 * type: {@code asyncContext("app.ctx.tenant", String.class)} gives {@code acme} for the header
	 * {@code {"app.ctx.tenant":"\"acme\""}}.
	 * @param <T> the type
	 * @param id the context id
	 * @param type the type of the value
	 * @return the value, or empty when the caller sent none or it cannot be decoded
	 */
	<T> Optional<T> asyncContext(String id, Class<T> type);

	/**
	 * Returns the socket the call came over (docs/socket.md §2).
	 * @return the socket, or empty for a call over HTTP or in-process
	 */
	default Optional<RunnerSocket> socket() {
		return Optional.empty();
	}

	/**
	 * Whether the call was cancelled: the HTTP client went away, or the task timed out. Long blocking handlers can
	 * poll it to stop early.
	 * @return whether the call was cancelled
	 */
	boolean isCancelled();

}
