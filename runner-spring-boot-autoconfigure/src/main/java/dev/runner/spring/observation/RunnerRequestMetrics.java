package dev.runner.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import dev.runner.spring.core.RunnerRequestListener;

/**
 * Counts the requests the doors refuse before dispatch, by error code: {@code runner.requests.refused}, and for the
 * authentication failures among them ({@code UNAUTHORIZED}, {@code AUTH_NOT_CONFIGURED}) also
 * {@code runner.auth.failures}; and the clients whose connection failed after their request was done with,
 * {@code runner.requests.disconnected}. The only tag is {@code error.code}, one of the protocol's codes; paths, ids
 * and tokens are never tags. The counters are registered once per error code.
 *
 * @since 0.1.0
 */
public final class RunnerRequestMetrics implements RunnerRequestListener {

	/** Name of the counter of refused requests. */
	public static final String REFUSED = "runner.requests.refused";

	/** Name of the counter of authentication failures. */
	public static final String AUTH_FAILURES = "runner.auth.failures";

	/** Name of the counter of clients that went away after their request was done with. */
	public static final String DISCONNECTED = "runner.requests.disconnected";

	/** Name of the tag holding the protocol's error code. */
	public static final String ERROR_CODE_TAG = "error.code";

	private final MeterRegistry registry;

	private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

	private final Counter disconnected;

	/**
	 * Creates the metrics.
	 * @param registry where the counters are registered
	 */
	public RunnerRequestMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.disconnected = Counter.builder(DISCONNECTED)
			.description("Client connections reset or closed by the client after the runner was done with their request")
			.register(registry);
	}

	@Override
	public void disconnected() {
		this.disconnected.increment();
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
			.description("Requests the runner refused before dispatching them to a handler")
			.tag(ERROR_CODE_TAG, errorCode)
			.register(this.registry);
		if (!isAuthFailure(errorCode)) {
			return new Counter[] { refused };
		}
		Counter authFailure = Counter.builder(AUTH_FAILURES)
			.description("Requests the runner refused because authentication failed or is not configured")
			.tag(ERROR_CODE_TAG, errorCode)
			.register(this.registry);
		return new Counter[] { refused, authFailure };
	}

	private static boolean isAuthFailure(String errorCode) {
		return "UNAUTHORIZED".equals(errorCode) || "AUTH_NOT_CONFIGURED".equals(errorCode);
	}

}
