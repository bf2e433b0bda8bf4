package dev.runner.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the sample app under load ({@code server.shutdown=graceful}, as a SIGTERM would through the shutdown hook)
 * loses nothing: every call in flight gets its answer, every task and event listener that started finishes, and the
 * fire-and-forget listeners of the answered emissions run to their end before the context is closed; new connections
 * are refused meanwhile.
 */
class GracefulShutdownIntegrationTests {

	private static final int CALLS = 8;

	@Test
	void finishesInFlightTasksAndListenersBeforeTheContextCloses() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class, Probe.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--server.shutdown=graceful",
					"--spring.lifecycle.timeout-per-shutdown-phase=30s", "--runner.auth.tokens=test-token",
					"--spring.main.banner-mode=off");
		Probe probe = context.getBean(Probe.class);
		int port = ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<CompletableFuture<HttpResponse<String>>> tasks = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> events = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			tasks.add(post(client, port, "task/probe.slow", "{\"input\":" + i + "}"));
			events.add(post(client, port, "event/probe.events.slow", "{\"payload\":{\"n\":" + i + "}}"));
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> probe.tasksStarted.get() == CALLS && probe.firstListenerRuns.get() == CALLS);
		long start = System.nanoTime();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> post(client, port, "task/probe.slow", "{\"input\":0}").join())
			.withRootCauseInstanceOf(IOException.class)); // refused, or a kept-alive connection closed
		closing.get();
		int detachedAtClose = probe.detachedRuns.get(); // what a JVM exiting right after the close would have kept
		int tasksAtClose = probe.tasksFinished.get();
		int listenersAtClose = probe.listenerRuns.get();
		double seconds = (System.nanoTime() - start) / 1e9;
		int answered = 0;
		for (int i = 0; i < CALLS; i++) {
			HttpResponse<String> task = tasks.get(i).join();
			HttpResponse<String> event = events.get(i).join();
			assertThat(task.statusCode()).isEqualTo(200);
			assertThat(task.body()).isEqualTo("{\"ok\":true,\"result\":" + i + "}");
			assertThat(event.statusCode()).isEqualTo(200);
			assertThat(event.body()).isEqualTo("{\"ok\":true}");
			answered += 2;
		}
		System.out.println("[robustness] shutdown.graceful calls-in-flight=" + 2 * CALLS + " answered-200=" + answered
				+ " tasks-finished=" + tasksAtClose + " of " + CALLS + " listener-runs=" + listenersAtClose + " of "
				+ 2 * CALLS + " fire-and-forget-runs=" + detachedAtClose
				+ " of " + CALLS + " close-seconds=" + Math.round(seconds * 10) / 10.0);
		assertThat(tasksAtClose).isEqualTo(CALLS);
		assertThat(listenersAtClose).isEqualTo(2 * CALLS);
		assertThat(detachedAtClose).isEqualTo(CALLS);
	}

	private static CompletableFuture<HttpResponse<String>> post(HttpClient client, int port, String path,
			String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__runner/" + path))
			.header("x-runner-token", "test-token")
			.header("content-type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("interrupted during shutdown", ex);
		}
	}

	/**
	 * Slow handlers, counted (registered as a source of the application, not scanned).
	 */
	static class Probe {

		final AtomicInteger tasksStarted = new AtomicInteger();

		final AtomicInteger tasksFinished = new AtomicInteger();

		final AtomicInteger firstListenerRuns = new AtomicInteger();

		final AtomicInteger listenerRuns = new AtomicInteger();

		final AtomicInteger detachedRuns = new AtomicInteger();

		@RunnerTask("probe.slow")
		int slow(int n) {
			this.tasksStarted.incrementAndGet();
			sleep(1500);
			this.tasksFinished.incrementAndGet();
			return n;
		}

		@RunnerEvent(value = "probe.events.slow", order = 1)
		void first(@Nullable Map<String, Object> payload) {
			this.firstListenerRuns.incrementAndGet();
			sleep(700);
			this.listenerRuns.incrementAndGet();
		}

		@RunnerEvent(value = "probe.events.slow", order = 2)
		void second(@Nullable Map<String, Object> payload) {
			sleep(500);
			this.listenerRuns.incrementAndGet();
		}

		@RunnerEvent(value = "probe.events.slow", async = true)
		void detached(@Nullable Map<String, Object> payload) {
			sleep(4000);
			this.detachedRuns.incrementAndGet();
		}

	}

}
