package dev.runner.spring.core;

import java.net.URI;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.runner.spring.RunnerAuthRequest;
import dev.runner.spring.RunnerAuthentication;

/**
 * Authenticates remote calls, the one place every door (the HTTP tunnel, the socket's upgrade and its {@code auth}
 * frame) asks (docs/tunnel-http.md §5, docs/socket.md §1.5). {@code runner.auth.mode} chooses the implementation:
 * {@link TokenAuthenticator} ({@code token}, the default) or the Spring Security one ({@code spring-security}).
 *
 * @since 0.1.0
 */
public interface RunnerAuthenticator {

	/**
	 * Whether credentials can be checked at all: with tokens, that a token or a validator is configured.
	 * @return whether auth is configured
	 */
	boolean isConfigured();

	/**
	 * Whether requests can pass at all: auth is configured, or anonymous calls are allowed.
	 * @return whether the tunnel is open to some caller
	 */
	boolean isUsable();

	/**
	 * Authenticates a call.
	 * @param headers the headers of the call, where the credentials are looked for
	 * @param request what validators decide from, asked for only when needed
	 * @return what accepted the call; an error with a 401 {@code UNAUTHORIZED} or a 500 {@code AUTH_NOT_CONFIGURED}
	 * {@link RunnerRejectedException} otherwise
	 */
	Mono<RunnerAuthentication> authenticate(HttpHeaders headers, Supplier<RunnerAuthRequest> request);

	/**
	 * Whether a request carries credentials: a socket upgrade that carries none may authenticate with its first
	 * frame, one whose credentials are refused is refused (docs/socket.md §1.5).
	 * @param headers the headers of the request
	 * @return whether credentials were sent
	 */
	boolean hasCredentials(HttpHeaders headers);

	/**
	 * Returns what validators decide from for an HTTP request (a tunnel call, a socket upgrade).
	 * @param request the request
	 * @param requestId the request's final id, set as its {@code x-runner-request-id} header
	 * @return the auth request
	 */
	static RunnerAuthRequest authRequest(ServerHttpRequest request, String requestId) {
		return authRequest(request.getMethod().name(), request.getURI(), request.getHeaders(), requestId);
	}

	/**
	 * Returns what validators decide from for a request known by its parts (the auth frame of a socket is judged as
	 * its upgrade request carrying the token).
	 * @param method the HTTP method
	 * @param uri the request's URI
	 * @param requestHeaders the request's headers
	 * @param requestId the request's final id, set as its {@code x-runner-request-id} header
	 * @return the auth request
	 */
	static RunnerAuthRequest authRequest(String method, URI uri, HttpHeaders requestHeaders, String requestId) {
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(requestHeaders);
		headers.set(RunnerRequestIds.HEADER, requestId);
		String path = uri.getRawPath();
		String query = uri.getRawQuery();
		return new RunnerAuthRequest(method, (query != null) ? path + "?" + query : path, path,
				HttpHeaders.readOnlyHttpHeaders(headers));
	}

}
