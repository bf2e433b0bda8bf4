package dev.runner.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import dev.runner.spring.web.TunnelRefusalListener;

/**
 * Counts the requests the tunnel refuses before dispatch, by error code: {@code runner.requests.refused}, and for the
 * authentication failures among them ({@code UNAUTHORIZED}, {@code AUTH_NOT_CONFIGURED}) also
 * {@code runner.auth.failures}. The only tag is {@code error.code}, one of the protocol's codes; paths, ids and
 * tokens are never tags. The counters are registered once per error code.
 *
 * @since 0.1.0
 */
public final class RunnerRefusalMetrics implements TunnelRefusalListener {

	/** Name of the counter of refused requests. */
	public static final String REFUSED = "runner.requests.refused";

	/** Name of the counter of authentication failures. */
	public static final String AUTH_FAILURES = "runner.auth.failures";

	/** Name of the tag holding the protocol's error code. */
	public static final String ERROR_CODE_TAG = "error.code";

	private final MeterRegistry registry;

	private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics.
	 * @param registry where the counters are registered
	 */
	public RunnerRefusalMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void refused(String errorCode) {
		Counter[] counters = this.counters.get(errorCode);
		if (counters == null) {
			counters = this.counters.computeIfAbsent(errorCode, this::register);
		}
		for (Counter counter : counters) {
			counter.increment();
		}
	}

	private Counter[] register(String errorCode) {
		Counter refused = Counter.builder(REFUSED)
			.description("Requests the runner tunnel refused before dispatching them to a handler")
			.tag(ERROR_CODE_TAG, errorCode)
			.register(this.registry);
		if (!isAuthFailure(errorCode)) {
			return new Counter[] { refused };
		}
		Counter authFailure = Counter.builder(AUTH_FAILURES)
			.description("Requests the runner tunnel refused because authentication failed or is not configured")
			.tag(ERROR_CODE_TAG, errorCode)
			.register(this.registry);
		return new Counter[] { refused, authFailure };
	}

	private static boolean isAuthFailure(String errorCode) {
		return "UNAUTHORIZED".equals(errorCode) || "AUTH_NOT_CONFIGURED".equals(errorCode);
	}

}
