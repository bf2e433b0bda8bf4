package dev.runner.spring.security;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.method.PreAuthorizeReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.util.ClassUtils;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.core.HandlerAuthorization;

/**
 * Enforces Spring Security's {@code @PreAuthorize} on handler methods (on the method, or on the bean's class for all
 * of its handlers) for every door, with Spring Security's own {@link PreAuthorizeReactiveAuthorizationManager}: the
 * expression sees the bound input under its parameter name ({@code #order.owner == authentication.name}), beans
 * ({@code @audit.allows(#order)}) and the call's authentication. That authentication is
 * {@link RunnerContext#principal()} for calls over HTTP and sockets, else the caller's
 * {@link ReactiveSecurityContextHolder} (in-process calls), else anonymous ({@code ROLE_ANONYMOUS}), as Spring
 * Security's method interceptors do. A denial is Spring Security's {@code AuthorizationDeniedException}, which every
 * door answers as 403 {@code FORBIDDEN} (docs/tunnel-http.md §5.3). No {@code @EnableReactiveMethodSecurity} is
 * needed, and handlers need not return a publisher.
 *
 * @since 0.2.0
 */
public final class PreAuthorizeHandlerAuthorization implements HandlerAuthorization {

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("runner", "anonymous",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final PreAuthorizeReactiveAuthorizationManager manager;

	/**
	 * Creates the authorization.
	 * @param expressionHandler evaluates the expressions, usually the application's
	 * {@link MethodSecurityExpressionHandler} bean or a {@code DefaultMethodSecurityExpressionHandler}
	 * @param applicationContext resolves bean references in expressions
	 */
	public PreAuthorizeHandlerAuthorization(MethodSecurityExpressionHandler expressionHandler,
			ApplicationContext applicationContext) {
		this.manager = new PreAuthorizeReactiveAuthorizationManager(expressionHandler);
		this.manager.setApplicationContext(applicationContext);
	}

	@Override
	public @Nullable Plan plan(Method method, Class<?> beanType) {
		Method declared = ClassUtils.getMostSpecificMethod(method, beanType);
		if (!AnnotatedElementUtils.hasAnnotation(declared, PreAuthorize.class)
				&& !AnnotatedElementUtils.hasAnnotation(beanType, PreAuthorize.class)) {
			return null;
		}
		return (target, args, context) -> this.manager.verify(authentication(context),
				new SimpleMethodInvocation(target, method, args));
	}

	private static Mono<Authentication> authentication(RunnerContext context) {
		return context.principal()
			.map(Mono::just)
			.orElseGet(() -> ReactiveSecurityContextHolder.getContext().mapNotNull(SecurityContext::getAuthentication))
			.defaultIfEmpty(ANONYMOUS);
	}

}
