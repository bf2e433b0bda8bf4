package dev.runner.spring.observation;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

import dev.runner.spring.RunnerContext;

/**
 * Carries the request id of a runner call between the Reactor context and the logging MDC, both under
 * {@link RunnerContext#REQUEST_ID_KEY}: a Micrometer context-propagation {@link ThreadLocalAccessor}, registered in
 * the {@code ContextRegistry} through {@code META-INF/services}. With Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}, or {@code Hooks.enableAutomaticContextPropagation()}) every thread
 * a call runs on logs with its request id; without it, the handler method call and the call's failure line do. Does
 * nothing when SLF4J is absent.
 *
 * @since 0.1.0
 */
public final class RunnerRequestIdAccessor implements ThreadLocalAccessor<String> {

	private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
			RunnerRequestIdAccessor.class.getClassLoader());

	@Override
	public Object key() {
		return RunnerContext.REQUEST_ID_KEY;
	}

	@Override
	public @Nullable String getValue() {
		return MDC_PRESENT ? MDC.get(RunnerContext.REQUEST_ID_KEY) : null;
	}

	@Override
	public void setValue(String requestId) {
		if (MDC_PRESENT) {
			MDC.put(RunnerContext.REQUEST_ID_KEY, requestId);
		}
	}

	@Override
	public void setValue() {
		if (MDC_PRESENT) {
			MDC.remove(RunnerContext.REQUEST_ID_KEY);
		}
	}

}
