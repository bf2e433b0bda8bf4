package dev.runner.spring.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.DispatcherHandler;

import dev.runner.spring.RunnerAuthValidator;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.web.RunnerHandlerMapping;
import dev.runner.spring.web.RunnerTunnelHandler;
import dev.runner.spring.web.TunnelAuthenticator;
import dev.runner.spring.web.TunnelCors;
import dev.runner.spring.web.TunnelExposure;
import dev.runner.spring.web.TunnelRefusalListener;
import dev.runner.spring.web.TunnelRouter;
import dev.runner.spring.web.TunnelUriGuard;
import dev.runner.spring.web.multipart.MultipartLimits;

/**
 * Auto-configuration that serves runner tasks and events over the HTTP tunnel of {@code @bluelibs/runner}, on Spring
 * WebFlux, under {@code runner.base-path}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = RunnerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(DispatcherHandler.class)
@ConditionalOnBean(RunnerRegistry.class)
@ConditionalOnBooleanProperty(name = "runner.enabled", matchIfMissing = true)
public final class RunnerWebFluxAutoConfiguration {

	private static final String GUARD_NAME = "runnerTunnelUriGuard";

	@Bean
	@ConditionalOnMissingBean
	TunnelAuthenticator runnerTunnelAuthenticator(RunnerProperties properties, ListableBeanFactory beanFactory) {
		RunnerProperties.Auth auth = properties.getAuth();
		return new TunnelAuthenticator(auth.getHeader(), auth.getTokens(), validators(beanFactory),
				auth.isAllowAnonymous());
	}

	/**
	 * The validator beans by name, in {@code @Order} (which only the bean provider's ordered stream sees for
	 * {@code @Bean} methods).
	 */
	private static List<Map.Entry<String, RunnerAuthValidator>> validators(ListableBeanFactory beanFactory) {
		Map<RunnerAuthValidator, String> names = new IdentityHashMap<>();
		beanFactory.getBeansOfType(RunnerAuthValidator.class).forEach((name, bean) -> names.put(bean, name));
		return beanFactory.getBeanProvider(RunnerAuthValidator.class)
			.orderedStream()
			.map((validator) -> Map.entry(names.get(validator), validator))
			.toList();
	}

	@Bean
	@ConditionalOnMissingBean
	TunnelExposure runnerTunnelExposure(RunnerRegistry registry, RunnerProperties properties) {
		return new TunnelExposure(registry, properties.getExposure().getTasks(), properties.getExposure().getEvents());
	}

	@Bean
	@ConditionalOnMissingBean
	TunnelCors runnerTunnelCors(RunnerProperties properties) {
		RunnerProperties.Cors cors = properties.getCors();
		return new TunnelCors(cors.getAllowedOrigins(), cors.getAllowedOriginPatterns(), cors.getAllowedMethods(),
				cors.getAllowedHeaders(), cors.getExposedHeaders(), cors.isAllowCredentials(), cors.getMaxAge());
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerTunnelHandler runnerTunnelHandler(RunnerRegistry registry, RunnerExecution execution,
			RunnerSerializer serializer, TunnelAuthenticator authenticator, TunnelExposure exposure, TunnelCors cors,
			RunnerProperties properties, ObjectProvider<TunnelRefusalListener> refusalListeners) {
		RunnerTunnelHandler handler = new RunnerTunnelHandler(registry, execution, serializer, authenticator, exposure,
				cors, properties.getDiscovery().isEnabled(),
				Math.toIntExact(properties.getLimits().getJson().getMaxSize().toBytes()),
				properties.getLimits().getReadTimeout(), properties.getAsyncContext().isEnabled(),
				multipartLimits(properties.getLimits().getMultipart()));
		handler.setStreamReadTimeout(properties.getLimits().getStreamReadTimeout());
		List<TunnelRefusalListener> listeners = refusalListeners.orderedStream().toList();
		if (!listeners.isEmpty()) {
			handler.setRefusalListener((errorCode) -> listeners.forEach((listener) -> listener.refused(errorCode)));
		}
		return handler;
	}

	private static MultipartLimits multipartLimits(RunnerProperties.Limits.Multipart multipart) {
		Integer maxParts = multipart.getMaxParts();
		return new MultipartLimits(multipart.getMaxFileSize().toBytes(), multipart.getMaxFiles(),
				multipart.getMaxFields(), Math.toIntExact(multipart.getMaxFieldSize().toBytes()),
				(maxParts != null) ? maxParts : Integer.MAX_VALUE);
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerHandlerMapping runnerHandlerMapping(RunnerTunnelHandler handler, RunnerProperties properties) {
		return new RunnerHandlerMapping(new TunnelRouter(properties.getBasePath()), handler);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
	static class ReactorNettyConfiguration {

		@Bean
		NettyServerCustomizer runnerTunnelUriGuardCustomizer(RunnerProperties properties) {
			TunnelUriGuard guard = new TunnelUriGuard(TunnelRouter.normalizeBasePath(properties.getBasePath()));
			return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
				ChannelPipeline pipeline = channel.pipeline();
				if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(GUARD_NAME) == null) {
					pipeline.addAfter(NettyPipeline.HttpCodec, GUARD_NAME, guard);
				}
			});
		}

	}

	@Bean
	TunnelStartupReport runnerTunnelStartupReport(RunnerRegistry registry,
			TunnelExposure exposure, TunnelAuthenticator authenticator, RunnerProperties properties) {
		return new TunnelStartupReport(TunnelRouter.normalizeBasePath(properties.getBasePath()), registry, exposure,
				authenticator);
	}

}
