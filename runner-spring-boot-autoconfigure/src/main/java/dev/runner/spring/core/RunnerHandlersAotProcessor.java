package dev.runner.spring.core;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.lang.model.element.Modifier;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.javapoet.CodeBlock;
import org.springframework.util.ClassUtils;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;

/**
 * Finds the runner's handlers when the application is processed ahead of time, as {@link RunnerMethodProcessor} does
 * at run time, and contributes:
 * <ul>
 * <li>the code that registers {@link RunnerHandlerBeans}, so that the processor looks at those beans only;</li>
 * <li>the runtime hints a native image needs: each handler class (its methods are read for annotations), each
 * handler method (invoked through a method handle), and the input and result types of every task and listener with
 * what they contain (Jackson converts inputs and writes results, the contracts describe them).</li>
 * </ul>
 *
 * @since 0.2.0
 */
final class RunnerHandlersAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(RunnerMethodProcessor.class, false, false).length == 0) {
			return null;
		}
		Map<String, Class<?>> handlerBeans = new LinkedHashMap<>();
		Map<Class<?>, HandlerMethods> handlers = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = beanFactory.getType(beanName, false);
			if (type == null) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (!handlers.computeIfAbsent(userClass, HandlerMethods::of).isEmpty()) {
				handlerBeans.put(beanName, userClass);
			}
		}
		handlers.values().removeIf(HandlerMethods::isEmpty);
		return (generationContext, code) -> {
			registerHints(generationContext.getRuntimeHints(), handlers);
			registerIndex(generationContext, code, List.copyOf(handlerBeans.keySet()));
		};
	}

	private static void registerIndex(GenerationContext generationContext, BeanFactoryInitializationCode code,
			List<String> beanNames) {
		CodeBlock names = CodeBlock.join(beanNames.stream().map((name) -> CodeBlock.of("$S", name)).toList(), ", ");
		GeneratedMethod method = code.getMethods()
			.add("registerRunnerHandlerBeans", (builder) -> builder
				.addJavadoc("Registers the beans the build found runner handlers on.")
				.addModifiers(Modifier.PUBLIC)
				.addParameter(DefaultListableBeanFactory.class, BeanFactoryInitializationCode.BEAN_FACTORY_VARIABLE)
				.addStatement("$L.registerSingleton($S, new $T($T.of($L)))",
						BeanFactoryInitializationCode.BEAN_FACTORY_VARIABLE, RunnerHandlerBeans.BEAN_NAME,
						RunnerHandlerBeans.class, List.class, names));
		code.addInitializer(method.toMethodReference());
	}

	/**
	 * Registers the hints of the handlers found.
	 * @param hints where to register them
	 * @param handlers the handlers by bean class
	 */
	static void registerHints(RuntimeHints hints, Map<Class<?>, HandlerMethods> handlers) {
		ReflectionHints reflection = hints.reflection();
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		handlers.forEach((type, found) -> {
			reflection.registerType(type);
			List<Method> methods = new ArrayList<>(found.tasks().keySet());
			methods.addAll(found.events().keySet());
			if (found.classTask() != null || found.classEvent() != null) {
				Method functional = HandlerMethods.functionalMethod(type, found.classTask() != null);
				if (functional != null) {
					methods.add(functional);
				}
			}
			for (Method method : methods) {
				reflection.registerMethod(method, ExecutableMode.INVOKE);
				binding.registerReflectionHints(reflection, valueTypes(method, type));
			}
		});
		hints.proxies().registerJdkProxy(RunnerTask.class);
		hints.proxies().registerJdkProxy(RunnerEvent.class);
	}

	/**
	 * The types values of a handler travel as: its input's (the declared type, without {@code Optional}) and its
	 * result's (without {@code Mono}, {@code Flux} or {@code Optional}).
	 */
	private static Type[] valueTypes(Method method, Class<?> beanType) {
		List<Type> types = new ArrayList<>();
		for (int i = 0; i < method.getParameterCount(); i++) {
			ResolvableType type = ResolvableType.forMethodParameter(method, i, beanType);
			if (type.toClass() == RunnerContext.class || RequestBodyArgument.supports(type)) {
				continue;
			}
			types.add(ResolvedTypes.of((type.toClass() == Optional.class) ? type.getGeneric(0) : type));
		}
		types.add(ResultAdapter.forReturnType(ResolvableType.forMethodReturnType(method, beanType)).valueType());
		return types.toArray(Type[]::new);
	}

}
