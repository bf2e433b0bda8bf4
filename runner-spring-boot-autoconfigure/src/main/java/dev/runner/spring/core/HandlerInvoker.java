package dev.runner.spring.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;

import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Calls one handler method. Everything a call needs (the method handle, one binder per parameter, the result adapter,
 * where it runs) is resolved when the invoker is created at start-up; a call does no reflective lookup.
 * <p>
 * Handlers that return a reactive type are called on the subscribing thread (the event loop for HTTP calls); all
 * others are called on the blocking scheduler. Either way the method is called with the thread-local values that
 * Micrometer's context propagation knows restored from the Reactor context of the call (the request id in the MDC,
 * the task's observation in scope), whether or not Reactor's automatic context propagation is on.
 *
 * @since 0.1.0
 */
public final class HandlerInvoker {


	private final Supplier<Object> bean;

	private final MethodHandle handle;

	private final ArgumentBinder[] binders;

	private final @Nullable InputBinder inputBinder;

	private final ResultAdapter resultAdapter;

	private final Scheduler blockingScheduler;

	private final InputValidation.@Nullable Plan validation;

	private final boolean readsBody;

	private final HandlerAuthorization.@Nullable Plan authorization;

	private HandlerInvoker(Supplier<Object> bean, MethodHandle handle, ArgumentBinder[] binders,
			@Nullable InputBinder inputBinder, ResultAdapter resultAdapter, Scheduler blockingScheduler,
			InputValidation.@Nullable Plan validation, boolean readsBody,
			HandlerAuthorization.@Nullable Plan authorization) {
		this.validation = validation;
		this.authorization = authorization;
		this.readsBody = readsBody;
		this.bean = bean;
		this.handle = handle;
		this.binders = binders;
		this.inputBinder = inputBinder;
		this.resultAdapter = resultAdapter;
		this.blockingScheduler = blockingScheduler;
	}

	/**
	 * Creates the invoker of a handler method.
	 * @param bean supplies the bean to call the method on
	 * @param method the method to call, invocable on the bean (the proxy's method when the bean is proxied)
	 * @param beanType the user class of the bean, against which generic parameter types are resolved
	 * @param serializer converts inputs to the declared parameter type
	 * @param validation validates {@code @Valid} inputs, or {@code null} when Bean Validation is not available
	 * @param authorization authorizes calls ({@code @PreAuthorize}), or {@code null} without Spring Security
	 * @param blockingScheduler where non-reactive handlers run
	 * @return the invoker
	 * @throws HandlerSignatureException if the method cannot be bound
	 */
	static HandlerInvoker create(Supplier<Object> bean, Method method, Class<?> beanType, RunnerSerializer serializer,
			@Nullable InputValidation validation, @Nullable HandlerAuthorization authorization,
			Scheduler blockingScheduler) {
		int count = method.getParameterCount();
		ArgumentBinder[] binders = new ArgumentBinder[count];
		InputBinder inputBinder = null;
		String inputName = null;
		String bodyName = null;
		for (int i = 0; i < count; i++) {
			ResolvableType type = ResolvableType.forMethodParameter(method, i, beanType);
			String name = method.getParameters()[i].getName();
			if (type.toClass() == RunnerContext.class) {
				binders[i] = (input, context) -> context;
				continue;
			}
			if (RequestBodyArgument.supports(type)) {
				if (bodyName != null) {
					throw new HandlerSignatureException("has two request body parameters ('" + bodyName + "' and '"
							+ name + "'); the raw body can be read once: declare one Flux<DataBuffer>");
				}
				bodyName = name;
				binders[i] = RequestBodyArgument::bind;
				continue;
			}
			checkSupported(type, name);
			if (inputBinder != null) {
				throw new HandlerSignatureException("has two input parameters ('" + inputName + "' and '" + name
						+ "'); a handler takes at most one input parameter, plus optionally a RunnerContext: "
						+ "wrap the values in a record");
			}
			inputBinder = new InputBinder(serializer, type);
			inputName = name;
			binders[i] = inputBinder;
		}
		ResultAdapter resultAdapter = ResultAdapter.forReturnType(ResolvableType.forMethodReturnType(method, beanType));
		return new HandlerInvoker(bean, methodHandle(method), binders, inputBinder, resultAdapter, blockingScheduler,
				(validation != null) ? validation.plan(method) : null, bodyName != null,
				(authorization != null) ? authorization.plan(method, beanType) : null);
	}

	private static void checkSupported(ResolvableType type, String name) {
		Class<?> raw = type.toClass();
		if (org.reactivestreams.Publisher.class.isAssignableFrom(raw)
				|| java.util.concurrent.CompletionStage.class.isAssignableFrom(raw)) {
			throw new HandlerSignatureException("declares parameter '" + name + "' of reactive type "
					+ raw.getSimpleName() + ", which the runner cannot bind: declare the input's value type instead, or "
					+ "Flux<DataBuffer> for the raw body of an octet-stream request");
		}
		if (org.springframework.web.server.ServerWebExchange.class.isAssignableFrom(raw)
				|| org.springframework.http.server.reactive.ServerHttpRequest.class.isAssignableFrom(raw)) {
			throw new HandlerSignatureException("declares parameter '" + name + "' of type " + raw.getSimpleName()
					+ ", which the runner cannot bind: declare a RunnerContext parameter and use its exchange()");
		}
	}

	private static MethodHandle methodHandle(Method method) {
		ReflectionUtils.makeAccessible(method);
		try {
			MethodHandle handle = MethodHandles.lookup().unreflect(method);
			int count = method.getParameterCount();
			return handle.asType(MethodType.genericMethodType(count + 1)).asSpreader(Object[].class, count);
		}
		catch (IllegalAccessException ex) {
			throw new HandlerSignatureException("is not accessible: " + ex.getMessage());
		}
	}

	/**
	 * Calls the handler.
	 * @param input the input, already decoded; {@code null} when absent
	 * @param context the context of the call
	 * @return the result: a value, or {@link JsValues#UNDEFINED} when the handler gave
	 * none ({@code void}, an empty {@code Optional} or publisher); <em>empty</em> when it returned {@code null} (JSON
	 * {@code null} on the wire, a {@code Mono} holding no {@code null}); an error signal for anything the handler or
	 * the binding threw
	 */
	public Mono<Object> invoke(@Nullable Object input, RunnerContext context) {
		if (this.authorization != null) {
			return Mono.deferContextual((reactorContext) -> authorized(input, context, reactorContext));
		}
		Mono<Object> call = Mono.deferContextual((reactorContext) -> call(input, context, reactorContext));
		return this.resultAdapter.isReactive() ? call : call.subscribeOn(this.blockingScheduler);
	}

	private Mono<Object> call(@Nullable Object input, RunnerContext context, ContextView reactorContext) {
		try (ContextSnapshot.Scope scope = CallThreadLocals.restore(reactorContext)) {
			return validateAndCall(this.bean.get(), bind(input, context));
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * Binds and authorizes on the subscribing thread (the check does not block), then validates and calls the
	 * handler, on the blocking scheduler for a non-reactive one.
	 */
	private Mono<Object> authorized(@Nullable Object input, RunnerContext context, ContextView reactorContext) {
		Object[] args;
		Object target;
		try (ContextSnapshot.Scope scope = CallThreadLocals.restore(reactorContext)) {
			args = bind(input, context);
			target = this.bean.get();
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
		Mono<Object> call = Mono.deferContextual((callContext) -> validatedCall(target, args, callContext));
		if (!this.resultAdapter.isReactive()) {
			call = call.subscribeOn(this.blockingScheduler);
		}
		return this.authorization.authorize(target, args, context).then(call);
	}

	private Mono<Object> validatedCall(Object target, Object[] args, ContextView reactorContext) {
		try (ContextSnapshot.Scope scope = CallThreadLocals.restore(reactorContext)) {
			return validateAndCall(target, args);
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	private Mono<Object> validateAndCall(Object target, Object[] args) throws Throwable {
		if (this.validation != null) {
			this.validation.validate(target, args);
		}
		return this.resultAdapter.adapt((Object) this.handle.invokeExact(target, args));
	}

	private Object[] bind(@Nullable Object input, RunnerContext context) {
		Object[] args = new Object[this.binders.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.binders[i].bind(input, context);
		}
		return args;
	}

	/**
	 * Returns the declared input type after generics are resolved.
	 * @return the input type, or {@code null} when the handler takes no input
	 */
	public java.lang.reflect.@Nullable Type inputType() {
		return (this.inputBinder != null) ? this.inputBinder.targetType() : null;
	}

	/**
	 * Returns the type of the result's value, after generics are resolved and reactive wrappers removed:
	 * {@code void.class} when the handler gives no value, {@link dev.runner.spring.RunnerStreamResponse} for a stream
	 * of buffers, a {@code List<T>} for a {@code Flux<T>}.
	 * @return the result type
	 */
	public java.lang.reflect.Type resultType() {
		return this.resultAdapter.valueType();
	}

	/**
	 * Whether the input parameter is an {@code Optional} (whose value type {@link #inputType()} returns).
	 * @return whether an absent input is an empty {@code Optional}
	 */
	public boolean isInputOptional() {
		return this.inputBinder != null && this.inputBinder.isOptional();
	}

	/**
	 * Whether the handler reads the raw body of an octet-stream request ({@code Flux<DataBuffer>} parameter).
	 * @return whether the input is a stream of bytes
	 */
	public boolean readsBody() {
		return this.readsBody;
	}

	/**
	 * Whether the handler returns a reactive type and so runs on the event loop.
	 * @return whether the handler is non-blocking
	 */
	public boolean isReactive() {
		return this.resultAdapter.isReactive();
	}

}
