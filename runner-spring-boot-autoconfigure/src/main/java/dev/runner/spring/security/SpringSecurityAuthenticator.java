package dev.runner.spring.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import dev.runner.spring.RunnerAuthRequest;
import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.core.RunnerRequestIds;

/**
 * The {@link RunnerAuthenticator} of {@code runner.auth.mode=spring-security}: a call is authenticated by the
 * application's Spring Security beans, and a runner token alone is no longer enough (docs/tunnel-http.md §5.3). The
 * credentials are read, in this order, from:
 * <ul>
 * <li>the {@code Authorization} header: {@code Basic <base64 user:password>} or {@code Bearer <token>};</li>
 * <li>the {@code runner.auth.header} header (default {@code x-runner-token}), where the official clients put their
 * {@code auth.token}, and where the socket's {@code auth} frame puts its {@code token}: a bearer token, or a whole
 * {@code Basic …} / {@code Bearer …} value.</li>
 * </ul>
 * Basic credentials go to the basic manager (the application's {@code ReactiveAuthenticationManager}, or one over its
 * {@code ReactiveUserDetailsService}), bearer tokens to the bearer manager (the application's
 * {@code ReactiveAuthenticationManager}, or one over its {@code ReactiveJwtDecoder}). Missing or refused credentials
 * are 401 {@code UNAUTHORIZED} in the protocol's envelope, never a challenge; an authentication that fails for
 * another reason (the key set cannot be fetched) is the masked 500. The accepted {@link Authentication} is the call's
 * {@link dev.runner.spring.RunnerContext#principal()}.
 *
 * @since 0.2.0
 */
public final class SpringSecurityAuthenticator implements RunnerAuthenticator {

	private static final Log logger = LogFactory.getLog(SpringSecurityAuthenticator.class);

	private static final String BASIC = "Basic ";

	private static final String BEARER = "Bearer ";

	private final String tokenHeader;

	private final @Nullable ReactiveAuthenticationManager basic;

	private final @Nullable ReactiveAuthenticationManager bearer;

	private final @Nullable Function<String, Authentication> bearerToken;

	/**
	 * Creates the authenticator.
	 * @param tokenHeader the {@code runner.auth.header}
	 * @param basic authenticates {@link UsernamePasswordAuthenticationToken}s of HTTP basic, {@code null} when basic
	 * credentials are refused
	 * @param bearer authenticates bearer tokens, {@code null} when they are refused
	 * @param bearerToken makes the unauthenticated {@code Authentication} of a bearer token for the bearer manager
	 * (Spring Security's {@code BearerTokenAuthenticationToken}), {@code null} when they are refused
	 */
	public SpringSecurityAuthenticator(String tokenHeader, @Nullable ReactiveAuthenticationManager basic,
			@Nullable ReactiveAuthenticationManager bearer, @Nullable Function<String, Authentication> bearerToken) {
		this.tokenHeader = tokenHeader;
		this.basic = basic;
		this.bearer = (bearerToken != null) ? bearer : null;
		this.bearerToken = bearerToken;
	}

	@Override
	public boolean isConfigured() {
		return this.basic != null || this.bearer != null;
	}

	@Override
	public boolean isUsable() {
		return isConfigured();
	}

	@Override
	public boolean hasCredentials(HttpHeaders headers) {
		return headers.containsHeader(HttpHeaders.AUTHORIZATION) || headers.containsHeader(this.tokenHeader);
	}

	@Override
	public Mono<RunnerAuthentication> authenticate(HttpHeaders headers, Supplier<RunnerAuthRequest> request) {
		String credentials = headers.getFirst(HttpHeaders.AUTHORIZATION);
		boolean tokenHeader = false;
		if (credentials == null) {
			credentials = headers.getFirst(this.tokenHeader);
			tokenHeader = true;
		}
		Authentication authentication = null;
		ReactiveAuthenticationManager manager = null;
		if (credentials != null && startsWith(credentials, BASIC)) {
			authentication = basic(credentials.substring(BASIC.length()).trim());
			manager = this.basic;
		}
		else if (credentials != null && this.bearerToken != null
				&& (startsWith(credentials, BEARER) || (tokenHeader && !credentials.isBlank()))) {
			String token = startsWith(credentials, BEARER) ? credentials.substring(BEARER.length()).trim() : credentials;
			authentication = token.isEmpty() ? null : this.bearerToken.apply(token);
			manager = this.bearer;
		}
		if (authentication == null || manager == null) {
			return Mono.error(() -> rejected(request.get(), "no credentials this application accepts"));
		}
		return manager.authenticate(authentication)
			.filter(Authentication::isAuthenticated)
			.map((accepted) -> new RunnerAuthentication(RunnerAuthentication.Kind.SPRING_SECURITY, accepted.getName(),
					accepted))
			.onErrorMap(AuthenticationException.class, (ex) -> rejected(request.get(), ex.getMessage()))
			.switchIfEmpty(Mono.error(() -> rejected(request.get(), "not authenticated")));
	}

	private static @Nullable Authentication basic(String encoded) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		return (colon > 0) ? UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
				decoded.substring(colon + 1)) : null;
	}

	private static boolean startsWith(String value, String scheme) {
		return value.regionMatches(true, 0, scheme, 0, scheme.length());
	}

	private static RunnerRejectedException rejected(RunnerAuthRequest request, @Nullable String reason) {
		logger.debug(LogMessage.format("Runner auth failure: request id %s, %s %s, 401 UNAUTHORIZED (%s)",
				request.headers().getFirst(RunnerRequestIds.HEADER), request.method(), request.path(), reason));
		return RunnerRejectedException.unauthorized();
	}

}
