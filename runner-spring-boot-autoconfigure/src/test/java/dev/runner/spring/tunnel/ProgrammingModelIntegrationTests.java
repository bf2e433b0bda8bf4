package dev.runner.spring.tunnel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerGuard;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.core.RunnerEventEmitter;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static dev.runner.spring.testsupport.TunnelServer.withH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guards, timeouts, concurrency limits, fire-and-forget listeners and async contexts, over real HTTP.
 */
class ProgrammingModelIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(Handlers.class, "runner.auth.tokens=secret",
			"runner.tasks[app.configuredTimeout].timeout=100ms").silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer noAsyncContext = TunnelServer.of(Handlers.class, "runner.auth.tokens=secret",
			"runner.async-context.enabled=false").silencingExpectedFailures();

	@Test
	void refusesCallWhenGuardSaysNo() {
		assertEnvelope(server.post("/__runner/task/app.admin", "{}"), 403,
				error("Task app.admin refused by adminGuard", "FORBIDDEN"));
		assertEnvelope(server.request("POST", "/__runner/task/app.admin", "{}", withH("x-role", "admin")), 200,
				ok("\"admin only\""));
	}

	@Test
	void answersTypedErrorThrownByGuard() {
		assertEnvelope(server.request("POST", "/__runner/task/app.admin", "{}", withH("x-role", "banned")), 423,
				"{\"ok\":false,\"error\":{\"message\":\"banned\",\"code\":\"INTERNAL_ERROR\",\"id\":\"app.errors.Banned\","
						+ "\"data\":{},\"httpCode\":423}}");
	}

	@Test
	void failsSlowTaskWithTypedTimeoutAndMarksItCancelled() {
		Handlers handlers = server.bean(Handlers.class);
		assertEnvelope(server.post("/__runner/task/app.slow", "{}"), 504,
				"{\"ok\":false,\"error\":{\"message\":\"Task app.slow timed out after 200 ms\",\"code\":\"INTERNAL_ERROR\","
						+ "\"id\":\"runner.errors.Timeout\",\"data\":{\"taskId\":\"app.slow\",\"timeoutMs\":200},"
						+ "\"httpCode\":504}}");
		await().atMost(Duration.ofSeconds(5)).untilTrue(handlers.sawCancellation);
	}

	@Test
	void takesTimeoutFromProperties() {
		assertThat(server.post("/__runner/task/app.configuredTimeout", "{}").text())
			.contains("\"id\":\"runner.errors.Timeout\"")
			.contains("\"timeoutMs\":100");
	}

	@Test
	void answersOverloadedBeyondConcurrencyLimitInsteadOfQueueing() throws Exception {
		Handlers handlers = server.bean(Handlers.class);
		CompletableFuture<TunnelServer.Reply> first = CompletableFuture
			.supplyAsync(() -> server.post("/__runner/task/app.single", "{}"));
		assertThat(handlers.singleStarted.await(5, TimeUnit.SECONDS)).isTrue();
		assertEnvelope(server.post("/__runner/task/app.single", "{}"), 503,
				error("Task app.single is at its limit of 1 concurrent calls", "OVERLOADED"));
		handlers.releaseSingle.countDown();
		assertEnvelope(first.get(5, TimeUnit.SECONDS), 200, ok("\"done\""));
		assertEnvelope(server.post("/__runner/task/app.single", "{}"), 200, ok("\"done\""));
	}

	@Test
	void answersBeforeFireAndForgetListenersFinishAndCountsTheirFailures() {
		Handlers handlers = server.bean(Handlers.class);
		long failures = server.bean(RunnerEventEmitter.class).asyncFailures();
		assertEnvelope(server.post("/__runner/event/app.events.audit",
				"{\"payload\":{\"n\":1},\"returnPayload\":true}"), 200, ok("{\"n\":1,\"enriched\":true}"));
		assertThat(handlers.audited).isEmpty();
		handlers.releaseAudit.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> handlers.audited.size() == 1);
		assertThat(handlers.audited.get(0)).isEqualTo(Map.of("n", 1L, "enriched", true));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> server.bean(RunnerEventEmitter.class).asyncFailures() == failures + 1);
	}

	@Test
	void readsAsyncContextSentByCaller() {
		String header = "{\"app.ctx.tenant\":\"\\\"acme\\\"\"}";
		assertEnvelope(server.request("POST", "/__runner/task/app.tenant", "{}", withH("x-runner-context", header)), 200,
				ok("\"acme\""));
		assertEnvelope(server.request("POST", "/__runner/task/app.tenant", "{}", withH("x-runner-context", "{bad")), 200,
				ok("\"none\""));
		assertEnvelope(noAsyncContext.request("POST", "/__runner/task/app.tenant", "{}",
				withH("x-runner-context", header)), 200, ok("\"none\""));
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		final AtomicBoolean sawCancellation = new AtomicBoolean();

		final CountDownLatch singleStarted = new CountDownLatch(1);

		final CountDownLatch releaseSingle = new CountDownLatch(1);

		final CountDownLatch releaseAudit = new CountDownLatch(1);

		final List<Object> audited = new CopyOnWriteArrayList<>();

		@Bean
		RunnerGuard adminGuard() {
			return (taskId, input, context) -> {
				String role = context.headers().getFirst("x-role");
				if ("banned".equals(role)) {
					return Mono.error(new RunnerException("app.errors.Banned", "banned", null, 423));
				}
				return Mono.just("admin".equals(role));
			};
		}

		@RunnerTask(value = "app.admin", guards = RunnerGuard.class)
		String admin() {
			return "admin only";
		}

		@RunnerTask(value = "app.slow", timeout = "200ms")
		String slow(RunnerContext context) throws InterruptedException {
			try {
				long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
				while (System.nanoTime() < end && !context.isCancelled()) {
					Thread.sleep(10);
				}
				return "late";
			}
			finally {
				this.sawCancellation.set(context.isCancelled());
			}
		}

		@RunnerTask("app.configuredTimeout")
		Mono<String> configuredTimeout() {
			return Mono.just("late").delayElement(Duration.ofSeconds(5));
		}

		@RunnerTask(value = "app.single", maxConcurrency = 1)
		String single() throws InterruptedException {
			this.singleStarted.countDown();
			this.releaseSingle.await(5, TimeUnit.SECONDS);
			return "done";
		}

		@RunnerEvent("app.events.audit")
		Map<String, Object> enrich(Map<String, Object> payload) {
			Map<String, Object> copy = new java.util.LinkedHashMap<>(payload);
			copy.put("enriched", true);
			return copy;
		}

		@RunnerEvent(value = "app.events.audit", async = true)
		void audit(Map<String, Object> payload) throws InterruptedException {
			this.releaseAudit.await(5, TimeUnit.SECONDS);
			this.audited.add(payload);
		}

		@RunnerEvent(value = "app.events.audit", async = true, order = 1)
		void failingAudit(Map<String, Object> payload) {
			throw new IllegalStateException("audit store down");
		}

		@RunnerTask("app.tenant")
		String tenant(RunnerContext context) {
			return context.asyncContext("app.ctx.tenant", String.class).orElse("none");
		}

	}

}
