package dev.runner.spring.autoconfigure;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.util.ClassUtils;

import dev.runner.spring.core.HandlerAuthorization;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.security.PreAuthorizeHandlerAuthorization;
import dev.runner.spring.security.SpringSecurityAuthenticator;

/**
 * Auto-configuration of Spring Security's part in calls: {@code @PreAuthorize} on handler methods, enforced for every
 * door (HTTP, socket, in-process, schedules), and, with {@code runner.auth.mode=spring-security}, the
 * {@link SpringSecurityAuthenticator} over the application's authentication beans: its
 * {@link ReactiveAuthenticationManager} for every credential when it declares one; otherwise its
 * {@link ReactiveUserDetailsService} (with its {@link PasswordEncoder}) for HTTP basic and its
 * {@link ReactiveJwtDecoder} (with Boot's {@link ReactiveJwtAuthenticationConverter}, when
 * {@code spring.security.oauth2.resourceserver.jwt.authorities-*} define one) for bearer tokens. Start-up fails when
 * the mode is set and none of them exists.
 *
 * @since 0.2.0
 */
@AutoConfiguration(before = RunnerWebFluxAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnClass(PreAuthorize.class)
@ConditionalOnBooleanProperty(name = "runner.enabled", matchIfMissing = true)
public final class RunnerSpringSecurityAutoConfiguration {

	private static final ClassLoader LOADER = RunnerSpringSecurityAutoConfiguration.class.getClassLoader();

	private static final boolean BEARER_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken", LOADER);

	private static final boolean JWT_PRESENT = BEARER_PRESENT
			&& ClassUtils.isPresent("org.springframework.security.oauth2.jwt.ReactiveJwtDecoder", LOADER);

	@Bean
	@ConditionalOnMissingBean
	HandlerAuthorization runnerHandlerAuthorization(ObjectProvider<MethodSecurityExpressionHandler> expressionHandler,
			ObjectProvider<RoleHierarchy> roleHierarchy, ApplicationContext applicationContext) {
		MethodSecurityExpressionHandler handler = expressionHandler.getIfUnique(() -> {
			DefaultMethodSecurityExpressionHandler defaults = new DefaultMethodSecurityExpressionHandler();
			defaults.setApplicationContext(applicationContext);
			roleHierarchy.ifUnique(defaults::setRoleHierarchy);
			return defaults;
		});
		return new PreAuthorizeHandlerAuthorization(handler, applicationContext);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ReactiveAuthenticationManager.class)
	@ConditionalOnProperty(name = "runner.auth.mode", havingValue = "spring-security")
	static class SpringSecurityAuthenticationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunnerAuthenticator runnerAuthenticator(RunnerProperties properties,
				ObjectProvider<ReactiveAuthenticationManager> managers,
				ObjectProvider<ReactiveUserDetailsService> userDetailsServices, ObjectProvider<PasswordEncoder> encoders,
				ObjectProvider<ReactiveUserDetailsPasswordService> passwordServices, ApplicationContext context) {
			Function<String, Authentication> bearerToken = BEARER_PRESENT ? Bearer::token : null;
			ReactiveAuthenticationManager manager = managers.getIfUnique();
			if (manager != null) {
				return authenticator(properties, manager, manager, bearerToken);
			}
			ReactiveUserDetailsService users = userDetailsServices.getIfUnique();
			ReactiveAuthenticationManager basic = (users != null) ? basic(users, encoders, passwordServices) : null;
			ReactiveAuthenticationManager bearer = JWT_PRESENT ? Bearer.jwtManager(context) : null;
			return authenticator(properties, basic, bearer, bearerToken);
		}

		private static RunnerAuthenticator authenticator(RunnerProperties properties,
				@Nullable ReactiveAuthenticationManager basic, @Nullable ReactiveAuthenticationManager bearer,
				@Nullable Function<String, Authentication> bearerToken) {
			SpringSecurityAuthenticator authenticator = new SpringSecurityAuthenticator(
					properties.getAuth().getHeader(), basic, bearer, bearerToken);
			if (!authenticator.isConfigured()) {
				throw new IllegalStateException("runner.auth.mode=spring-security needs one of the application's "
						+ "Spring Security authentication beans: a ReactiveAuthenticationManager, a "
						+ "ReactiveUserDetailsService (HTTP basic) or a ReactiveJwtDecoder (bearer JWTs, for example from "
						+ "spring.security.oauth2.resourceserver.jwt.*)");
			}
			return authenticator;
		}

		private static ReactiveAuthenticationManager basic(ReactiveUserDetailsService users,
				ObjectProvider<PasswordEncoder> encoders, ObjectProvider<ReactiveUserDetailsPasswordService> passwords) {
			UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
					users);
			encoders.ifUnique(manager::setPasswordEncoder);
			passwords.ifUnique(manager::setUserDetailsPasswordService);
			return manager;
		}

	}

	/**
	 * Bearer tokens and JWTs, with Spring Security's resource server and JOSE support on the class path (loaded only
	 * then).
	 */
	private static final class Bearer {

		static Authentication token(String token) {
			return new BearerTokenAuthenticationToken(token);
		}

		static @Nullable ReactiveAuthenticationManager jwtManager(ApplicationContext context) {
			ReactiveJwtDecoder decoder = context.getBeanProvider(ReactiveJwtDecoder.class).getIfUnique();
			if (decoder == null) {
				return null;
			}
			JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
			context.getBeanProvider(ReactiveJwtAuthenticationConverter.class)
				.ifUnique(manager::setJwtAuthenticationConverter);
			return manager;
		}

	}

}
