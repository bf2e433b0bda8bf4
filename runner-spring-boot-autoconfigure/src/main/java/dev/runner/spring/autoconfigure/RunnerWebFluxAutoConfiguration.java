package dev.runner.spring.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.reactive.DispatcherHandler;

import dev.runner.spring.RunnerAuthValidator;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerRequestListener;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.web.RunnerHandlerMapping;
import dev.runner.spring.contract.RunnerContracts;
import dev.runner.spring.web.RunnerTunnelHandler;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.TokenAuthenticator;
import dev.runner.spring.web.TunnelCors;
import dev.runner.spring.web.TunnelDirectRoute;
import dev.runner.spring.core.RunnerExposure;
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
	@ConditionalOnProperty(name = "runner.auth.mode", havingValue = "token", matchIfMissing = true)
	RunnerAuthenticator runnerAuthenticator(RunnerProperties properties, ListableBeanFactory beanFactory) {
		RunnerProperties.Auth auth = properties.getAuth();
		return new TokenAuthenticator(auth.getHeader(), auth.getTokens(), validators(beanFactory),
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
	RunnerExposure runnerExposure(RunnerRegistry registry, RunnerProperties properties) {
		return new RunnerExposure(registry, properties.getExposure().getTasks(), properties.getExposure().getEvents());
	}

	@Bean
	@ConditionalOnMissingBean
	TunnelCors runnerTunnelCors(RunnerProperties properties) {
		return new TunnelCors(properties.getCors().toCorsConfiguration());
	}

	@Bean
	@ConditionalOnMissingBean
	RunnerTunnelHandler runnerTunnelHandler(RunnerRegistry registry, RunnerExecution execution,
			RunnerSerializer serializer, RunnerAuthenticator authenticator, RunnerExposure exposure, TunnelCors cors,
			RunnerProperties properties, ObjectProvider<RunnerRequestListener> requestListeners,
			ObjectProvider<RunnerContracts> contracts) {
		RunnerTunnelHandler handler = new RunnerTunnelHandler(registry, execution, serializer, authenticator, exposure,
				cors, properties.getDiscovery().isEnabled(),
				Math.toIntExact(properties.getLimits().getJson().getMaxSize().toBytes()),
				properties.getLimits().getReadTimeout(), properties.getAsyncContext().isEnabled(),
				multipartLimits(properties.getLimits().getMultipart()));
		handler.setStreamReadTimeout(properties.getLimits().getStreamReadTimeout());
		contracts.ifAvailable((available) -> handler.setContracts(available::schemaAnswer,
				available::typeDeclarationsAnswer));
		RunnerRequestListener listener = requestListener(requestListeners);
		if (listener != null) {
			handler.setRequestListener(listener);
		}
		return handler;
	}

	/**
	 * The request listener beans as one, {@code null} when there is none.
	 */
	static @Nullable RunnerRequestListener requestListener(ObjectProvider<RunnerRequestListener> requestListeners) {
		List<RunnerRequestListener> listeners = requestListeners.orderedStream().toList();
		if (listeners.isEmpty()) {
			return null;
		}
		return new RunnerRequestListener() {

			@Override
			public void refused(String errorCode) {
				listeners.forEach((listener) -> listener.refused(errorCode));
			}

			@Override
			public void disconnected() {
				listeners.forEach(RunnerRequestListener::disconnected);
			}

		};
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
		@ConditionalOnBooleanProperty("runner.direct-route.enabled")
		TunnelDirectRoute runnerTunnelDirectRoute(RunnerHandlerMapping mapping, RunnerTunnelHandler handler,
				RunnerProperties properties, ConfigurableListableBeanFactory beanFactory, Environment environment,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<ServerRequestObservationConvention> observationConvention,
				ObjectProvider<ForwardedHeaderTransformer> forwardedHeaderTransformer,
				ObjectProvider<HttpHandlerDecoratorFactory> decorators) {
			DirectRouteRefusals.check(beanFactory, environment);
			return new TunnelDirectRoute(mapping, handler, List.of(RunnerSocketAutoConfiguration.path(properties)),
					(builder) -> {
						// what WebHttpHandlerBuilder.applicationContext takes from the context, filters and
						// exception handlers left out
						observationRegistry.ifUnique(builder::observationRegistry);
						observationConvention.ifAvailable(builder::observationConvention);
						forwardedHeaderTransformer.ifAvailable(builder::forwardedHeaderTransformer);
						decorators.orderedStream().forEach(builder::httpHandlerDecorator);
						return builder;
					});
		}

		@Bean
		NettyServerCustomizer runnerTunnelUriGuardCustomizer(RunnerProperties properties) {
			TunnelUriGuard guard = new TunnelUriGuard(properties.getBasePath());
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
			RunnerExposure exposure, RunnerAuthenticator authenticator, RunnerProperties properties) {
		return new TunnelStartupReport(properties.getBasePath(), registry, exposure,
				authenticator);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("runner.direct-route.enabled")
	@ConditionalOnMissingClass("org.springframework.boot.reactor.netty.NettyRouteProvider")
	static class MissingReactorNettyConfiguration {

		// Object: TunnelDirectRoute implements a Reactor Netty type that is missing here.
		@Bean
		Object runnerTunnelDirectRoute() {
			throw new IllegalStateException("runner.direct-route.enabled=true needs Reactor Netty's server "
					+ "(spring-boot-reactor-netty, which spring-boot-starter-webflux brings): remove the property");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "runner.auth.mode", havingValue = "spring-security")
	@ConditionalOnMissingClass("org.springframework.security.authentication.ReactiveAuthenticationManager")
	static class MissingSpringSecurityConfiguration {

		@Bean
		RunnerAuthenticator runnerAuthenticator() {
			throw new IllegalStateException("runner.auth.mode=spring-security needs Spring Security on the class path: "
					+ "add spring-boot-starter-security, or set runner.auth.mode=token");
		}

	}

}
