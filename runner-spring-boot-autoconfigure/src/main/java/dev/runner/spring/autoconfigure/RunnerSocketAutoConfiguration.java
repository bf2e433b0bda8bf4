package dev.runner.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

import dev.runner.spring.RunnerChannelAuthorizer;
import dev.runner.spring.broker.RedisRunnerBroker;
import dev.runner.spring.core.RunnerAdmission;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerBrokerListener;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerExposure;
import dev.runner.spring.core.RunnerIdPatterns;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerRequestListener;
import dev.runner.spring.core.RunnerSocketListener;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.socket.LocalRunnerChannels;
import dev.runner.spring.socket.RunnerSocketHandler;
import dev.runner.spring.socket.SocketDoor;
import dev.runner.spring.socket.SocketEventChannels;
import dev.runner.spring.socket.SocketLifecycle;
import dev.runner.spring.socket.SocketSettings;
import dev.runner.spring.socket.SocketUpgradeHandler;

/**
 * Auto-configuration of the socket door (docs/socket.md): the endpoint at {@code runner.socket.path} on Reactor
 * Netty, the {@code RunnerChannels} bean, events to channels, heartbeats and the graceful shutdown. On with the tunnel
 * unless {@code runner.socket.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = RunnerWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpServer.class)
@ConditionalOnBean({ RunnerRegistry.class, RunnerAuthenticator.class, RunnerExposure.class })
@ConditionalOnBooleanProperty(name = { "runner.enabled", "runner.socket.enabled" }, matchIfMissing = true)
public final class RunnerSocketAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketDoor runnerSocketDoor(RunnerSerializer serializer, RunnerProperties properties,
			ObjectProvider<RunnerSocketListener> listener) {
		return new SocketDoor(serializer, settings(properties.getSocket()),
				listener.getIfUnique(() -> RunnerSocketListener.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	LocalRunnerChannels runnerChannels(SocketDoor door) {
		return door.channels();
	}

	@Bean
	@ConditionalOnMissingBean
	SocketEventChannels runnerSocketEventChannels(SocketDoor door, RunnerProperties properties) {
		return door.eventChannels(new RunnerIdPatterns(properties.getSocket().getPublishEvents()));
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerSocketHandler runnerSocketHandler(SocketDoor door, RunnerRegistry registry, RunnerExposure exposure,
			RunnerExecution execution, RunnerAuthenticator authenticator, RunnerProperties properties,
			ObjectProvider<RunnerChannelAuthorizer> authorizers, ObjectProvider<RunnerRequestListener> requestListeners,
			ApplicationEventPublisher events) {
		return door.socketHandler(new RunnerAdmission(registry, exposure), execution, authenticator,
				properties.getAuth().getHeader(), authorizers.orderedStream().toList(),
				requestListener(requestListeners), events);
	}

	@Bean
	@ConditionalOnMissingBean
	SocketUpgradeHandler runnerSocketUpgradeHandler(SocketDoor door, RunnerSocketHandler handler,
			RunnerAuthenticator authenticator, RunnerProperties properties,
			ObjectProvider<RunnerRequestListener> requestListeners) {
		return door.upgradeHandler(handler, properties.getCors().toCorsConfiguration(), authenticator,
				requestListener(requestListeners));
	}

	@Bean
	SimpleUrlHandlerMapping runnerSocketHandlerMapping(SocketUpgradeHandler handler, RunnerProperties properties) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(path(properties), handler));
		// Ahead of the tunnel's mapping, which answers everything under the base path.
		mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
		return mapping;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketLifecycle runnerSocketLifecycle(SocketDoor door, RunnerSocketHandler handler, Environment environment) {
		Duration timeout = environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
				Duration.ofSeconds(30));
		return door.lifecycle(handler, timeout);
	}

	/**
	 * The Redis broker, with {@code runner.socket.broker=redis} and Spring Data Redis reactive on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "runner.socket.broker", havingValue = "redis")
	@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
	static class RedisBrokerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisRunnerBroker runnerBroker(LocalRunnerChannels channels, ReactiveRedisConnectionFactory connectionFactory,
				RunnerProperties properties, ObjectProvider<RunnerBrokerListener> listener) {
			return new RedisRunnerBroker(channels, connectionFactory, properties.getSocket().getBrokerPrefix(),
					listener.getIfUnique(() -> RunnerBrokerListener.NONE));
		}

	}

	/**
	 * Fails the start-up when {@code runner.socket.broker=redis} lacks Spring Data Redis reactive.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "runner.socket.broker", havingValue = "redis")
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.ReactiveRedisConnectionFactory")
	static class MissingRedisConfiguration {

		MissingRedisConfiguration() {
			throw new IllegalStateException("runner.socket.broker=redis needs Spring Data Redis reactive: add the "
					+ "dependency org.springframework.boot:spring-boot-starter-data-redis-reactive");
		}

	}

	private static RunnerRequestListener requestListener(ObjectProvider<RunnerRequestListener> requestListeners) {
		RunnerRequestListener listener = RunnerWebFluxAutoConfiguration.requestListener(requestListeners);
		return (listener != null) ? listener : (errorCode) -> {
		};
	}

	static String path(RunnerProperties properties) {
		String path = properties.getSocket().getPath();
		if (path != null && !path.isBlank()) {
			return path;
		}
		String basePath = properties.getBasePath();
		return (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath) + "/ws";
	}

	static SocketSettings settings(RunnerProperties.Socket socket) {
		Integer maxConnections = socket.getMaxConnections();
		return new SocketSettings(socket.getAuthTimeout(), socket.getPingInterval(), socket.getPongTimeout(),
				Math.toIntExact(socket.getMaxFrameSize().toBytes()), socket.getMaxChannels(), socket.getMaxInFlight(),
				(maxConnections != null) ? maxConnections : Integer.MAX_VALUE, socket.getOutboundQueue(),
				SocketSettings.SlowConsumerPolicy.valueOf(socket.getSlowConsumer().name()),
				new RunnerIdPatterns(socket.getClientSubscribe()), new RunnerIdPatterns(socket.getClientPublish()));
	}

}
