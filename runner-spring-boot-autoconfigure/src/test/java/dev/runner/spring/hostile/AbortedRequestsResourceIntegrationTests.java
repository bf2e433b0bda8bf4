package dev.runner.spring.hostile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import dev.runner.spring.observation.RunnerRequestMetrics;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Connection;

import static dev.runner.spring.hostile.HostileClientIntegrationTests.head;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After 10,000 requests aborted at every stage (request line, headers, before and in the body, during a running
 * task, while the response is written), closed or reset, eight at a time, the server's open file descriptors and heap
 * return to their baseline and no handler is left running. Buffer leaks fail the class through the leak detector.
 * {@code -Drunner.hostile.aborts=N} changes the count.
 */
class AbortedRequestsResourceIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(HostileProfile.class, ProfileP.TOKENS,
			"runner.limits.read-timeout=2s").silencingExpectedFailures();

	private static final int ABORTS = Integer.getInteger("runner.hostile.aborts", 10_000);

	private static final long HEAP_TOLERANCE = 32L * 1024 * 1024;

	private static final int FD_TOLERANCE = 16;

	@Test
	void heapAndFileDescriptorsReturnToBaselineAfterTenThousandAbortedRequests() throws Exception {
		HostileProfile.Counters counters = server.bean(HostileProfile.Counters.class);
		abort(800); // warms up the server, the pools and the JIT
		awaitQuiet(counters);
		long fdBaseline = openFileDescriptors();
		long heapBaseline = usedHeapAfterCollection();
		counters.reset();
		long start = System.nanoTime();
		abort(ABORTS);
		long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		awaitQuiet(counters);
		assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
		long fdAfter = await().atMost(Duration.ofSeconds(20))
			.until(AbortedRequestsResourceIntegrationTests::openFileDescriptors, (fds) -> fds <= fdBaseline + FD_TOLERANCE);
		long heapAfter = usedHeapAfterCollection();
		Robustness.print("resources.aborted-requests", "requests=" + ABORTS + " seconds=" + seconds
				+ " tasks-started=" + counters.started.get() + " tasks-cancelled=" + counters.cancelled.get()
				+ " tasks-running-after=" + running(counters) + " fd-baseline=" + fdBaseline + " fd-after=" + fdAfter
				+ " heap-baseline-mb=" + heapBaseline / (1024 * 1024) + " heap-after-mb=" + heapAfter / (1024 * 1024));
		assertThat(running(counters)).isZero();
		assertThat(counters.cancelled.get()).as("running tasks cancelled by their client going away").isPositive();
		assertThat(heapAfter).isLessThanOrEqualTo(heapBaseline + HEAP_TOLERANCE);
	}

	@Test
	void clientsThatResetAreCountedAndLogNoError() throws Exception {
		MeterRegistry meters = server.bean(MeterRegistry.class);
		double before = meters.counter(RunnerRequestMetrics.DISCONNECTED).count();
		ListAppender<ILoggingEvent> errors = new ListAppender<>();
		errors.addFilter(new ThresholdFilter());
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		errors.start();
		root.addAppender(errors);
		try {
			abort(600);
			awaitQuiet(server.bean(HostileProfile.Counters.class));
			assertEnvelope(server.post("/__runner/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
		}
		finally {
			root.detachAppender(errors);
			errors.stop();
		}
		assertThat(errors.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
		assertThat(meters.counter(RunnerRequestMetrics.DISCONNECTED).count()).as("disconnections counted")
			.isGreaterThan(before);
	}

	/** Lets {@code ERROR} events through, and only them. */
	private static final class ThresholdFilter extends ch.qos.logback.core.filter.Filter<ILoggingEvent> {

		@Override
		public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent event) {
			return event.getLevel().isGreaterOrEqual(Level.ERROR) ? ch.qos.logback.core.spi.FilterReply.NEUTRAL
					: ch.qos.logback.core.spi.FilterReply.DENY;
		}

	}

	private static long running(HostileProfile.Counters counters) {
		return counters.started.get() - counters.finished.get() - counters.cancelled.get();
	}

	private static void awaitQuiet(HostileProfile.Counters counters) {
		await().atMost(Duration.ofSeconds(20)).until(() -> running(counters) <= 0);
	}

	/** Aborts that many requests, eight connections at a time, cycling through the stages and close or reset. */
	private static void abort(int count) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		List<Future<Void>> done = new ArrayList<>();
		for (int c = 0; c < 8; c++) {
			int client = c;
			done.add(clients.submit(() -> {
				for (int i = client; i < count; i += 8) {
					abortOne(i);
				}
				return null;
			}));
		}
		for (Future<Void> future : done) {
			future.get();
		}
		clients.shutdown();
	}

	private static void abortOne(int i) throws IOException {
		try (Connection connection = server.connect()) {
			String echo = head("/__runner/task/app.tasks.echo", "Content-Length: 20") + "{\"input\":\"0123456\"}";
			switch (i % 6) {
				case 0 -> connection.writeRaw(echo.substring(0, 10));
				case 1 -> connection.writeRaw(echo.substring(0, echo.indexOf("x-runner-token") + 5));
				case 2 -> connection.writeRaw(echo.substring(0, echo.indexOf("\r\n\r\n") + 4));
				case 3 -> connection.writeRaw(echo.substring(0, echo.length() - 6));
				case 4 -> {
					connection.writeRaw(head("/__runner/task/hostile.slow", "Content-Length: 5") + "60000");
					HostileClientIntegrationTests.pause(2);
				}
				default -> {
					connection.writeRaw(head("/__runner/task/hostile.big", "Content-Length: 6") + "400000");
					connection.readIfAny("HEAD");
				}
			}
			if (i % 2 == 0) {
				connection.abort();
			}
		}
	}

	static long openFileDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
		catch (IOException ex) {
			return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getOpenFileDescriptorCount();
		}
	}

	static long usedHeapAfterCollection() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			HostileClientIntegrationTests.pause(100);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
