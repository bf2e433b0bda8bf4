package dev.runner.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;

import dev.runner.spring.client.RunnerServiceClientRegistrations;

/**
 * Registers the {@code @RunnerServiceClient} interfaces of the application's packages (those of its
 * {@code @SpringBootApplication}, as Spring Data finds repositories).
 */
final class RunnerServiceClientScanRegistrar
		implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware, ResourceLoaderAware {

	private @Nullable BeanFactory beanFactory;

	private @Nullable Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (this.beanFactory != null && this.environment != null && this.resourceLoader != null
				&& AutoConfigurationPackages.has(this.beanFactory)) {
			RunnerServiceClientRegistrations.scan(registry, AutoConfigurationPackages.get(this.beanFactory),
					this.environment, this.resourceLoader);
		}
	}

}
