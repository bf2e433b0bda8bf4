package dev.runner.spring.core;

import java.lang.reflect.Method;

/**
 * One registered event listener.
 *
 * @param eventId the event id
 * @param order the {@code @RunnerEvent(order)} value
 * @param beanOrder the {@code @Order} of the method or bean, {@code Ordered.LOWEST_PRECEDENCE} when none
 * @param parallel the {@code @RunnerEvent(parallel)} value
 * @param async the {@code @RunnerEvent(async)} value: the listener runs detached, after the others
 * @param beanName the name of the bean that holds the listener
 * @param method the listener method
 * @param invoker calls the listener
 * @since 0.1.0
 */
public record EventListenerDescriptor(String eventId, int order, int beanOrder, boolean parallel, boolean async,
		String beanName, Method method, HandlerInvoker invoker) {

	/**
	 * Returns the listener as {@code beanName#method(ParamTypes)}, for messages.
	 * @return the listener's name
	 */
	public String handlerName() {
		return HandlerNames.of(this.beanName, this.method);
	}

}
