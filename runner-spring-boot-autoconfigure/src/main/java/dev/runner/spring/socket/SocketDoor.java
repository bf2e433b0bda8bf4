package dev.runner.spring.socket;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

import dev.runner.spring.RunnerChannelAuthorizer;
import dev.runner.spring.core.RunnerAdmission;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerIdPatterns;
import dev.runner.spring.core.RunnerRequestListener;
import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Assembles the socket door (docs/socket.md) from the pipeline's parts, for the auto-configuration: the channels, the
 * upgrade handler to map at {@code runner.socket.path}, the events to channels and the lifecycle. The upgrade runs on
 * Reactor Netty through Spring's {@link HandshakeWebSocketService}, with the frame size limit applied to whole
 * messages (fragments reassembled), answered with close code 1009.
 *
 * @since 0.1.0
 */
public final class SocketDoor {

	private final SocketRegistry registry = new SocketRegistry();

	private final RunnerSerializer serializer;

	private final SocketSettings settings;

	private final RunnerSocketListener listener;

	private final SocketFrameWriter writer;

	private final LocalRunnerChannels channels;

	/**
	 * Creates the door's channels; the rest is made by the methods below.
	 * @param serializer the runner serializer
	 * @param settings the limits
	 * @param listener told of connections, frames and drops (metrics)
	 */
	public SocketDoor(RunnerSerializer serializer, SocketSettings settings, RunnerSocketListener listener) {
		this.serializer = serializer;
		this.settings = settings;
		this.listener = listener;
		this.writer = new SocketFrameWriter(serializer);
		this.channels = new LocalRunnerChannels(this.registry, this.writer, listener);
	}

	/**
	 * Returns the channels of this instance's sockets, the {@code RunnerChannels} bean.
	 * @return the channels
	 */
	public LocalRunnerChannels channels() {
		return this.channels;
	}

	/**
	 * Returns what publishes events to channels.
	 * @param publishEvents the event ids to publish ({@code runner.socket.publish-events})
	 * @return the emission listener
	 */
	public SocketEventChannels eventChannels(RunnerIdPatterns publishEvents) {
		return new SocketEventChannels(publishEvents, this.channels);
	}

	/**
	 * Returns the socket handler: what serves upgraded sockets.
	 * @param admission finds the tasks and events that requests name
	 * @param execution runs them
	 * @param authenticator the tunnel's authenticator
	 * @param authHeader the token header, {@code runner.auth.header}
	 * @param authorizers the channel authorizers, in order
	 * @param requestListener told of refusals
	 * @param events publishes the socket events
	 * @return the handler
	 */
	public RunnerSocketHandler socketHandler(RunnerAdmission admission, RunnerExecution execution,
			RunnerAuthenticator authenticator, String authHeader, List<RunnerChannelAuthorizer> authorizers,
			RunnerRequestListener requestListener, ApplicationEventPublisher events) {
		SocketDispatcher dispatcher = new SocketDispatcher(admission, execution, this.serializer, this.channels,
				authorizers, this.settings, this.writer, requestListener);
		return new RunnerSocketHandler(this.registry, this.channels, dispatcher, this.serializer, this.writer,
				authenticator, authHeader, this.settings, this.listener, events);
	}

	/**
	 * Returns the upgrade handler to map at the socket path.
	 * @param handler the socket handler
	 * @param cors the allowed origins, {@code runner.cors.*}
	 * @param authenticator the tunnel's authenticator
	 * @param requestListener told of refused upgrades
	 * @return the handler
	 */
	public SocketUpgradeHandler upgradeHandler(RunnerSocketHandler handler, CorsConfiguration cors,
			RunnerAuthenticator authenticator, RunnerRequestListener requestListener) {
		int maxFrameSize = this.settings.maxFrameSize();
		Supplier<WebsocketServerSpec.Builder> spec = () -> WebsocketServerSpec.builder()
			.maxFramePayloadLength(maxFrameSize)
			.handlePing(false);
		HandshakeWebSocketService service = new HandshakeWebSocketService(
				new ReactorNettyRequestUpgradeStrategy(spec));
		return new SocketUpgradeHandler(service, handler, cors, authenticator, this.writer,
				requestListener);
	}

	/**
	 * Returns the lifecycle that runs heartbeats and the graceful shutdown.
	 * @param handler the socket handler
	 * @param shutdownTimeout how long the shutdown waits for requests in flight
	 * @return the lifecycle
	 */
	public SocketLifecycle lifecycle(RunnerSocketHandler handler, Duration shutdownTimeout) {
		return new SocketLifecycle(handler, this.settings, shutdownTimeout);
	}

}
