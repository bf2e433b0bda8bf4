package dev.runner.spring.client;

import java.util.Collection;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers the beans of {@link RunnerServiceClient} interfaces: those found in packages (what the auto-configuration
 * does with the application's packages) and those named by {@link ImportRunnerClients}. Each bean is named after its
 * interface's class name and made by {@link RunnerClients#create(Class)}; an interface registered twice is kept once.
 *
 * @since 0.2.0
 */
public final class RunnerServiceClientRegistrations {

	private RunnerServiceClientRegistrations() {
	}

	/**
	 * Registers the top-level {@link RunnerServiceClient} interfaces found in packages and their sub-packages; nested
	 * ones (such as those declared inside test classes) are left to {@link ImportRunnerClients}, as Spring Data leaves
	 * nested repositories out of its scan.
	 * @param registry the registry
	 * @param packages the packages
	 * @param environment the environment, for the scan's conditions
	 * @param resourceLoader the loader of the classes
	 */
	public static void scan(BeanDefinitionRegistry registry, Collection<String> packages, Environment environment,
			ResourceLoader resourceLoader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				environment) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isInterface() && !definition.getMetadata().hasEnclosingClass();
			}

		};
		scanner.setResourceLoader(resourceLoader);
		scanner.addIncludeFilter(new AnnotationTypeFilter(RunnerServiceClient.class, false, false));
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				if (className != null) {
					register(registry, ClassUtils.resolveClassName(className, resourceLoader.getClassLoader()));
				}
			}
		}
	}

	/**
	 * Registers one {@link RunnerServiceClient} interface, unless it is registered already.
	 * @param registry the registry
	 * @param type the interface
	 */
	public static void register(BeanDefinitionRegistry registry, Class<?> type) {
		String name = type.getName();
		if (registry.containsBeanDefinition(name)) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(RunnerServiceClientFactoryBean.class);
		definition.getConstructorArgumentValues().addGenericArgumentValue(type);
		definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
		registry.registerBeanDefinition(name, definition);
	}

}
