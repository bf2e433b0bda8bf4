package dev.runner.spring.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/**
 * CORS headers of docs/tunnel-http.md §7. Origins are matched by Spring's {@link CorsConfiguration#checkOrigin(String)}
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
	 * @param configuration what is allowed: origins ({@code *} for any) and origin patterns; methods for
	 * {@code Access-Control-Allow-Methods}, {@code POST, OPTIONS} when empty; headers for
	 * {@code Access-Control-Allow-Headers}, the preflight's {@code Access-Control-Request-Headers} echoed when empty;
	 * exposed headers; whether credentials are allowed; the preflight cache time, none when unset
	 */
	public TunnelCors(CorsConfiguration configuration) {
		List<String> allowedOrigins = orEmpty(configuration.getAllowedOrigins());
		List<String> allowedOriginPatterns = orEmpty(configuration.getAllowedOriginPatterns());
		List<String> exact = allowedOrigins.stream().filter((origin) -> !origin.equals("*")).toList();
		this.anyOrigin = allowedOriginPatterns.isEmpty() && exact.isEmpty() && allowedOrigins.contains("*");
		if (this.anyOrigin) {
			this.origins = null;
		}
		else {
			CorsConfiguration origins = new CorsConfiguration();
			origins.setAllowedOrigins(exact);
			origins.setAllowedOriginPatterns(allowedOriginPatterns);
			this.origins = origins;
		}
		List<String> methods = orEmpty(configuration.getAllowedMethods());
		this.allowMethods = methods.isEmpty() ? "POST, OPTIONS" : String.join(", ", methods);
		List<String> headers = orEmpty(configuration.getAllowedHeaders());
		this.allowHeaders = headers.isEmpty() ? null : String.join(", ", headers);
		List<String> exposed = orEmpty(configuration.getExposedHeaders());
		this.exposeHeaders = exposed.isEmpty() ? null : String.join(", ", exposed);
		this.allowCredentials = Boolean.TRUE.equals(configuration.getAllowCredentials());
		Long maxAge = configuration.getMaxAge();
		this.maxAge = (maxAge != null) ? Long.toString(maxAge) : null;
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
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
