package dev.runner.spring.socket;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.actuate.RunnerEndpoint;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the socket door shows (docs/socket.md §6): its meters, {@code runner.transport} on task observations, sockets
 * and channels in {@code /actuator/runner}, and the call's request id in the MDC of a handler's log line.
 */
class SocketObservabilityIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SocketTestApp.class, ProfileP.TOKENS,
			"runner.socket.metrics.channel-tags=true", "runner.socket.client-publish=**",
			"management.endpoints.web.exposure.include=runner");

	@Test
	void countsFramesClosesAndPublicationsAndGaugesConnections() {
		MeterRegistry meters = server.bean(MeterRegistry.class);
		double tasksIn = count(meters.find("runner.socket.frames").tags("direction", "in", "type", "task").counter());
		double resultsOut = count(
				meters.find("runner.socket.frames").tags("direction", "out", "type", "result").counter());
		double invalid = count(meters.find("runner.socket.frames").tags("direction", "in", "type", "invalid").counter());
		double closesBefore = closes(meters);
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			assertThat(meters.get("runner.socket.connections").gauge().value()).isGreaterThanOrEqualTo(1);
			client.send("{\"type\":\"task\",\"id\":\"a\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":2}}");
			client.next();
			client.send("nonsense");
			client.next();
			client.send("{\"type\":\"publish\",\"id\":\"p\",\"channel\":\"metrics.demo\",\"data\":1}");
			client.next();
			client.send("{\"type\":\"task\",\"id\":\"b\",\"task\":\"app.tasks.add\",\"input\":{\"a\":1,\"b\":2}}");
			client.next();
		}
		assertThat(meters.get("runner.socket.frames").tags("direction", "in", "type", "task").counter().count())
			.isEqualTo(tasksIn + 2);
		assertThat(meters.get("runner.socket.frames").tags("direction", "out", "type", "result").counter().count())
			.isEqualTo(resultsOut + 3);
		assertThat(meters.get("runner.socket.frames").tags("direction", "in", "type", "invalid").counter().count())
			.isEqualTo(invalid + 1);
		assertThat(meters.get("runner.channel.publications").tags("channel", "metrics.demo").counter().count())
			.isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(closes(meters)).isGreaterThan(closesBefore));
	}

	@Test
	void tagsTaskObservationsWithTheirTransport() {
		MeterRegistry meters = server.bean(MeterRegistry.class);
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"a\",\"task\":\"app.tasks.echo\",\"input\":1}");
			client.next();
		}
		server.post("/__runner/task/app.tasks.echo", "{\"input\":1}");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(meters.get("runner.task").tags("runner.task.id", "app.tasks.echo", "runner.transport", "socket")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("runner.task").tags("runner.task.id", "app.tasks.echo", "runner.transport", "http")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void listsSocketsAndChannelsInTheEndpoint() {
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"channel\":\"endpoint.demo\"}");
			client.next();
			RunnerEndpoint.RunnerDescriptor descriptor = server.bean(RunnerEndpoint.class).runner();
			assertThat(descriptor.sockets()).isGreaterThanOrEqualTo(1);
			assertThat(descriptor.channels()).contains(new RunnerEndpoint.ChannelInfo("endpoint.demo", 1));
		}
	}

	@Test
	void putsTheRequestIdOfASocketCallInTheMdc() {
		Logger logger = (Logger) LoggerFactory.getLogger(SocketTestApp.SocketTasks.class);
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		logger.addAppender(lines);
		try (SocketClient client = SocketClient.authenticated(server.port())) {
			client.send("{\"type\":\"task\",\"id\":\"log-1\",\"task\":\"socket.log\",\"input\":\"hello from the socket\"}");
			client.next();
			List<ILoggingEvent> logged = List.copyOf(lines.list);
			assertThat(logged).singleElement().satisfies((line) -> assertThat(line.getMDCPropertyMap())
				.hasEntrySatisfying(RunnerContext.REQUEST_ID_KEY, (id) -> assertThat(id).endsWith(":log-1")));
		}
		finally {
			logger.detachAppender(lines);
		}
	}

	private static double closes(MeterRegistry meters) {
		return meters.find("runner.socket.closes").counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	private static double count(io.micrometer.core.instrument.Counter counter) {
		return (counter != null) ? counter.count() : 0;
	}

}
