package dev.runner.spring.observation;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

/**
 * The request id in the logging system's MDC (SLF4J, which Logback and Log4j2 read), when SLF4J is present.
 *
 * @since 0.1.0
 */
public final class RunnerLogContext {

	/** The MDC key holding the request id of the runner call a thread works for. */
	public static final String REQUEST_ID_KEY = "runner.requestId";

	static final boolean AVAILABLE = ClassUtils.isPresent("org.slf4j.MDC", RunnerLogContext.class.getClassLoader());

	private RunnerLogContext() {
	}

	/**
	 * Puts the request id into the MDC.
	 * @return the value it replaced
	 */
	static @Nullable String put(String requestId) {
		if (!AVAILABLE) {
			return null;
		}
		String previous = MDC.get(REQUEST_ID_KEY);
		MDC.put(REQUEST_ID_KEY, requestId);
		return previous;
	}

	/**
	 * Restores the value {@link #put} replaced.
	 */
	static void restore(@Nullable String previous) {
		if (!AVAILABLE) {
			return;
		}
		if (previous != null) {
			MDC.put(REQUEST_ID_KEY, previous);
		}
		else {
			MDC.remove(REQUEST_ID_KEY);
		}
	}

}
