package dev.runner.spring.core;

import java.lang.reflect.Method;

/**
 * One registered task: its id, where its handler is, and how to call it.
 *
 * @param id the task id
 * @param description the description from {@code @RunnerTask}, empty when none
 * @param exposed whether {@code @RunnerTask(exposed)} allows HTTP callers (the exposure patterns apply on top)
 * @param beanName the name of the bean that holds the handler
 * @param method the handler method
 * @param invoker calls the handler
 * @param policy guards, timeout and concurrency limit
 * @param cron the cron expression from {@code @RunnerTask(cron)}, as written, empty when none
 * @param zone the zone id from {@code @RunnerTask(zone)}, as written, empty for the system's zone
 * @since 0.1.0
 */
public record TaskDescriptor(String id, String description, boolean exposed, String beanName, Method method,
		HandlerInvoker invoker, TaskPolicy policy, String cron, String zone) {

	/**
	 * Creates the descriptor of a task without a schedule.
	 * @param id the task id
	 * @param description the description, empty when none
	 * @param exposed whether {@code @RunnerTask(exposed)} allows HTTP callers
	 * @param beanName the name of the bean that holds the handler
	 * @param method the handler method
	 * @param invoker calls the handler
	 * @param policy guards, timeout and concurrency limit
	 */
	public TaskDescriptor(String id, String description, boolean exposed, String beanName, Method method,
			HandlerInvoker invoker, TaskPolicy policy) {
		this(id, description, exposed, beanName, method, invoker, policy, "", "");
	}

	/**
	 * Returns the handler as {@code beanName#method(ParamTypes)}, for messages.
	 * @return the handler's name
	 */
	public String handlerName() {
		return HandlerNames.of(this.beanName, this.method);
	}

}
