package dev.runner.spring.client;

import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the interfaces an {@link ImportRunnerClients} names.
 */
final class ImportedRunnerClientsRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ImportRunnerClients.class.getName(), false);
		if (attributes != null && attributes.get("value") instanceof Class<?>[] types) {
			for (Class<?> type : types) {
				RunnerServiceClientRegistrations.register(registry, type);
			}
		}
	}

}
