package dev.runner.spring.observation;

import java.lang.reflect.Method;
import java.util.List;

import org.springframework.util.ReflectionUtils;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.testsupport.TestRunnerContexts;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.core.TaskPolicy;

/**
 * Descriptors and call contexts for observing executions without a registry of real handlers (the instrumentation
 * never calls the invoker; it observes the {@code Mono} it is given).
 */
final class TestContexts {

	private TestContexts() {
	}

	static TaskDescriptor task(String id) {
		Method method = ReflectionUtils.findMethod(TestContexts.class, "task", String.class);
		return new TaskDescriptor(id, "", true, "testBean", method, null, TaskPolicy.NONE);
	}

	static EventDescriptor event(String id) {
		return new EventDescriptor(id, false, List.of(), List.of());
	}

	static RunnerContext context(String requestId) {
		return TestRunnerContexts.inProcess(requestId);
	}

}
