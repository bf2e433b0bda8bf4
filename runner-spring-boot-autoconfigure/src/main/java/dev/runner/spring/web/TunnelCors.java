package dev.runner.spring.web;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/**
 * CORS headers of tunnel-http.md §7. Origins are matched by Spring's {@link CorsConfiguration#checkOrigin(String)}
 * (exact origins and origin patterns); the headers themselves are written the protocol's way, which Spring's
 * {@code CorsProcessor} does not do: every {@code OPTIONS} under the base path is a preflight answered 204, a request
 * from an origin that is not allowed is still served (only without {@code Access-Control-Allow-Origin}), {@code Vary:
 * Origin} is sent only when the answer depends on the origin, and the allowed methods default to
 * {@code POST, OPTIONS}.
 * <p>
 * Origin resolution: {@code *} (the default) answers {@code Access-Control-Allow-Origin: *}, unless credentials are
 * allowed, in which case no origin is allowed (the protocol's deliberate denial); a list of origins or origin patterns
 * echoes the request's origin when it matches.
 *
 * @since 0.1.0
 */
public final class TunnelCors {

	private static final String VARY_ORIGIN = "Origin";

	private final @Nullable CorsConfiguration origins;

	private final boolean anyOrigin;

	private final String allowMethods;

	private final @Nullable String allowHeaders;

	private final @Nullable String exposeHeaders;

	private final boolean allowCredentials;

	private final @Nullable String maxAge;

	/**
	 * Creates the CORS policy.
	 * @param allowedOrigins allowed origins; {@code *} allows any
	 * @param allowedOriginPatterns allowed origin patterns, as Spring's
	 * {@link CorsConfiguration#setAllowedOriginPatterns(List)}
	 * @param allowedMethods methods for {@code Access-Control-Allow-Methods}; empty for {@code POST, OPTIONS}
	 * @param allowedHeaders headers for {@code Access-Control-Allow-Headers}; empty to echo the preflight's
	 * {@code Access-Control-Request-Headers}
	 * @param exposedHeaders headers for {@code Access-Control-Expose-Headers}; empty for none
	 * @param allowCredentials whether to send {@code Access-Control-Allow-Credentials: true}
	 * @param maxAge the preflight cache time, or {@code null} for no {@code Access-Control-Max-Age}
	 */
	public TunnelCors(List<String> allowedOrigins, List<String> allowedOriginPatterns, List<String> allowedMethods,
			List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials,
			@Nullable Duration maxAge) {
		List<String> exact = allowedOrigins.stream().filter((origin) -> !origin.equals("*")).toList();
		this.anyOrigin = allowedOriginPatterns.isEmpty() && exact.isEmpty() && allowedOrigins.contains("*");
		if (this.anyOrigin) {
			this.origins = null;
		}
		else {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(exact);
			configuration.setAllowedOriginPatterns(allowedOriginPatterns);
			this.origins = configuration;
		}
		this.allowMethods = allowedMethods.isEmpty() ? "POST, OPTIONS" : String.join(", ", allowedMethods);
		this.allowHeaders = allowedHeaders.isEmpty() ? null : String.join(", ", allowedHeaders);
		this.exposeHeaders = exposedHeaders.isEmpty() ? null : String.join(", ", exposedHeaders);
		this.allowCredentials = allowCredentials;
		this.maxAge = (maxAge != null) ? Long.toString(maxAge.toSeconds()) : null;
	}

	/**
	 * Adds the headers of an actual (non-preflight) response.
	 * @param request the request headers
	 * @param response the response headers
	 */
	void applyActual(HttpHeaders request, HttpHeaders response) {
		applyOrigin(request, response);
		if (this.allowCredentials) {
			response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (this.exposeHeaders != null) {
			response.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, this.exposeHeaders);
		}
	}

	/**
	 * Adds the headers of a preflight response.
	 * @param request the request headers
	 * @param response the response headers
	 */
	void applyPreflight(HttpHeaders request, HttpHeaders response) {
		applyOrigin(request, response);
		response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, this.allowMethods);
		String headers = (this.allowHeaders != null) ? this.allowHeaders
				: request.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		if (headers != null && !headers.isEmpty()) {
			response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
		}
		if (this.allowCredentials) {
			response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (this.maxAge != null) {
			response.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, this.maxAge);
		}
	}

	private void applyOrigin(HttpHeaders request, HttpHeaders response) {
		if (this.anyOrigin && !this.allowCredentials) {
			response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
			return;
		}
		if (this.origins != null) {
			String allowed = this.origins.checkOrigin(request.getOrigin());
			if (allowed != null) {
				response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
			}
		}
		addVaryOrigin(response);
	}

	private static void addVaryOrigin(HttpHeaders response) {
		List<String> vary = response.getVary();
		if (vary.stream().noneMatch(VARY_ORIGIN::equalsIgnoreCase)) {
			response.add(HttpHeaders.VARY, VARY_ORIGIN);
		}
	}

}
