package dev.runner.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.util.Assert;

/**
 * Makes the bean of one {@link RunnerServiceClient} interface from the application's {@link RunnerClients}, at
 * start-up, so that a mistake fails it.
 *
 * @param <T> the interface
 */
final class RunnerServiceClientFactoryBean<T> implements SmartFactoryBean<T>, BeanFactoryAware {

	private final Class<T> type;

	private @Nullable BeanFactory beanFactory;

	RunnerServiceClientFactoryBean(Class<T> type) {
		this.type = type;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public T getObject() {
		Assert.state(this.beanFactory != null, "No BeanFactory");
		return this.beanFactory.getBean(RunnerClients.class).create(this.type);
	}

	@Override
	public Class<T> getObjectType() {
		return this.type;
	}

	@Override
	public boolean isEagerInit() {
		return true;
	}

}
