package dev.runner.spring.core;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerDelayedRun;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The {@link Runner} of the application: looks tasks and events up in the registry and goes through
 * {@link RunnerExecution}, with a context whose authentication is
 * {@link dev.runner.spring.RunnerAuthentication#IN_PROCESS}.
 *
 * @since 0.1.0
 */
public final class DefaultRunner implements Runner, DisposableBean {

	private final RunnerRegistry registry;

	private final RunnerExecution execution;

	private final RunnerSerializer serializer;

	private final Set<DelayedRun> delayed = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the runner.
	 * @param registry the tasks and events
	 * @param execution the execution pipeline
	 * @param serializer converts results for {@link #runTask(String, Object, Class)}
	 */
	public DefaultRunner(RunnerRegistry registry, RunnerExecution execution, RunnerSerializer serializer) {
		this.registry = registry;
		this.execution = execution;
		this.serializer = serializer;
	}

	@Override
	public Mono<Object> runTask(String id, @Nullable Object input) {
		return Mono.deferContextual((reactorContext) -> {
			TaskDescriptor task = this.registry.task(id);
			if (task == null) {
				return Mono.error(new IllegalArgumentException("No runner task has the id '" + id + "'"));
			}
			return this.execution.runTask(task, input, context(reactorContext))
				.filter(DefaultRunner::isValue);
		});
	}

	@Override
	public <T> Mono<T> runTask(String id, @Nullable Object input, Class<T> resultType) {
		return runTask(id, input).map((result) -> resultType.cast(
				resultType.isInstance(result) ? result : this.serializer.convert(result, resultType)));
	}

	@Override
	public Mono<Void> emit(String id, @Nullable Object payload) {
		return emission(id, payload, false).then();
	}

	@Override
	public Mono<Object> emitWithResult(String id, @Nullable Object payload) {
		return emission(id, payload, true).filter(DefaultRunner::isValue);
	}

	private Mono<Object> emission(String id, @Nullable Object payload, boolean withResult) {
		return Mono.deferContextual((reactorContext) -> {
			EventDescriptor event = this.registry.event(id);
			if (event == null) {
				return Mono.error(new IllegalArgumentException("No runner event has the id '" + id + "'"));
			}
			if (withResult && event.parallel()) {
				return Mono.error(new UnsupportedOperationException(
						"Event " + id + " is marked parallel; returning a payload is not supported."));
			}
			return this.execution.emit(event, payload, context(reactorContext));
		});
	}

	/**
	 * The context of an in-process call; one made while serving another call keeps that call's principal.
	 */
	private InProcessRunnerContext context(ContextView reactorContext) {
		RunnerContext caller = reactorContext.getOrDefault(RunnerContext.CONTEXT_KEY, null);
		// Optional<?>: no cast to Spring Security's Authentication, which may be absent.
		Optional<?> principal = (caller != null) ? caller.principal() : Optional.empty();
		return new InProcessRunnerContext(this.serializer, RunnerAuthentication.IN_PROCESS,
				(Principal) principal.orElse(null));
	}

	@Override
	public RunnerDelayedRun runTaskLater(String id, @Nullable Object input, Duration delay) {
		Assert.isTrue(!delay.isNegative(), "'delay' must not be negative");
		if (this.registry.task(id) == null) {
			throw new IllegalArgumentException("No runner task has the id '" + id + "'");
		}
		DelayedRun run = new DelayedRun(id, delay);
		this.delayed.add(run);
		run.start(runTask(id, input), this.delayed::remove);
		return run;
	}

	/**
	 * Cancels the delayed runs that have not started: they would otherwise outlive the context.
	 */
	@Override
	public void destroy() {
		for (DelayedRun run : List.copyOf(this.delayed)) {
			run.cancel("Delayed run of task " + run.taskId() + " was cancelled: the application context closed");
		}
		this.delayed.clear();
	}

	private static boolean isValue(Object result) {
		return !JsValues.isUndefined(result);
	}

}
