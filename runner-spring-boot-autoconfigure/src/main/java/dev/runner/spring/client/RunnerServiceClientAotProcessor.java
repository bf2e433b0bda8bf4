package dev.runner.spring.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.ResolvableType;

/**
 * Contributes the runtime hints of each declared client interface ({@link RunnerServiceClient}) when the application
 * is processed ahead of time: the JDK proxy {@link RunnerClients#create(Class)} makes, the interface's methods (read
 * for their annotations and planned at start-up, default methods invoked), and the types of their inputs and results
 * (without {@code Mono} or {@code Flux}) with what they contain.
 *
 * @since 0.2.0
 */
final class RunnerServiceClientAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		if (registeredBean.getBeanClass() != RunnerServiceClientFactoryBean.class
				|| !(registeredBean.getMergedBeanDefinition()
					.getAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE) instanceof Class<?> type)) {
			return null;
		}
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints(), type);
	}

	/**
	 * Registers the hints of one client interface.
	 * @param hints where to register them
	 * @param type the interface
	 */
	static void registerHints(RuntimeHints hints, Class<?> type) {
		hints.proxies().registerJdkProxy(type);
		hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
		List<java.lang.reflect.Type> types = new ArrayList<>();
		for (Method method : type.getMethods()) {
			if (Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			for (int i = 0; i < method.getParameterCount(); i++) {
				types.add(ResolvableType.forMethodParameter(method, i, type).getType());
			}
			ResolvableType returned = ResolvableType.forMethodReturnType(method, type);
			types.add((Publisher.class.isAssignableFrom(returned.toClass()) ? returned.getGeneric(0) : returned).getType());
		}
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				types.toArray(java.lang.reflect.Type[]::new));
	}

}
