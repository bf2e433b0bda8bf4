package dev.runner.spring.core;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.log.LogMessage;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerGuard;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Finds every {@link RunnerTask} and {@link RunnerEvent} handler once all singletons exist, on bean methods (proxies
 * included) and on beans implementing {@link Function}, {@link Supplier} or {@link Consumer}, and fills the
 * {@link RunnerRegistry}. Every mistake found (a bad id, an unbindable signature, a duplicate task id, listeners
 * disagreeing on {@code parallel}) is collected, and the start-up fails with all of them in one
 * {@link RunnerHandlerConfigurationException}.
 *
 * @since 0.1.0
 */
public class RunnerMethodProcessor implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RunnerMethodProcessor.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final RunnerRegistry registry;

	private final RunnerSerializer serializer;

	private final @Nullable InputValidation validation;

	private final Scheduler blockingScheduler;

	private final Map<String, TaskSettings> taskSettings;

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private @Nullable HandlerAuthorization authorization;

	/**
	 * Creates the processor.
	 * @param beanFactory the bean factory to scan
	 * @param registry the registry to fill
	 * @param serializer converts inputs to handler parameter types
	 * @param validation validates {@code @Valid} inputs, or {@code null} without Bean Validation
	 * @param blockingScheduler where handlers that do not return a reactive type run
	 * @param taskSettings limits by task id that override those of {@code @RunnerTask}
	 */
	public RunnerMethodProcessor(ConfigurableListableBeanFactory beanFactory, RunnerRegistry registry,
			RunnerSerializer serializer, @Nullable InputValidation validation, Scheduler blockingScheduler,
			Map<String, TaskSettings> taskSettings) {
		this.taskSettings = Map.copyOf(taskSettings);
		this.beanFactory = beanFactory;
		this.registry = registry;
		this.serializer = serializer;
		this.validation = validation;
		this.blockingScheduler = blockingScheduler;
	}

	/**
	 * Sets the method-level authorization of handlers ({@code @PreAuthorize}).
	 * @param authorization the authorization, {@code null} (the default) for none
	 */
	public void setAuthorization(@Nullable HandlerAuthorization authorization) {
		this.authorization = authorization;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Found found = new Found();
		for (String beanName : candidateBeanNames()) {
			if (!ScopedProxyUtils.isScopedTarget(beanName)) {
				Class<?> type = AutoProxyUtils.determineTargetClass(this.beanFactory, beanName);
				if (type != null) {
					process(beanName, ClassUtils.getUserClass(type), found);
				}
			}
		}
		Set<String> ids = new HashSet<>();
		found.tasks.forEach((task) -> ids.add(task.id()));
		this.taskSettings.keySet()
			.stream()
			.filter((id) -> !ids.contains(id))
			.sorted()
			.forEach((id) -> found.problems.add("runner.tasks[" + id + "] names no task: check the id, or remove it"));
		this.registry.initialize(found.tasks, found.listeners, found.problems);
		logger.debug(LogMessage.format("Found %d runner tasks and %d runner events", this.registry.tasks().size(),
				this.registry.events().size()));
	}

	/**
	 * The beans to look at: those the build found handlers on ({@link RunnerHandlerBeans}, in an application
	 * processed ahead of time), else every bean.
	 */
	private String[] candidateBeanNames() {
		if (this.beanFactory.containsSingleton(RunnerHandlerBeans.BEAN_NAME)) {
			RunnerHandlerBeans index = this.beanFactory.getBean(RunnerHandlerBeans.BEAN_NAME, RunnerHandlerBeans.class);
			return index.beanNames().stream().filter(this.beanFactory::containsBean).toArray(String[]::new);
		}
		return this.beanFactory.getBeanNamesForType(Object.class, true, false);
	}

	private void process(String beanName, Class<?> type, Found found) {
		if (this.nonAnnotatedClasses.contains(type)) {
			return;
		}
		HandlerMethods handlers = HandlerMethods.of(type);
		if (handlers.isEmpty()) {
			this.nonAnnotatedClasses.add(type);
			return;
		}
		Map<Method, RunnerTask> tasks = handlers.tasks();
		Map<Method, RunnerEvent> events = handlers.events();
		RunnerTask classTask = handlers.classTask();
		RunnerEvent classEvent = handlers.classEvent();
		Class<?> exposedType = this.beanFactory.getType(beanName);
		Supplier<Object> bean = beanSupplier(beanName);
		tasks.forEach((method, task) -> {
			Method invocable = invocable(beanName, method, exposedType, found);
			if (invocable != null) {
				addTask(beanName, type, invocable, task, bean, found);
			}
		});
		events.forEach((method, event) -> {
			Method invocable = invocable(beanName, method, exposedType, found);
			if (invocable != null) {
				addListener(beanName, type, invocable, event, bean, found);
			}
		});
		if (classTask != null || classEvent != null) {
			Method functional = HandlerMethods.functionalMethod(type, classTask != null);
			if (functional == null) {
				found.problems.add("Bean '" + beanName + "' (" + type.getName() + ") has @"
						+ ((classTask != null) ? "RunnerTask" : "RunnerEvent")
						+ " on its class but implements none of " + ((classTask != null)
								? "Function, Supplier or Consumer" : "Function or Consumer")
						+ ": implement one of them, or put the annotation on a method");
			}
			else if (classTask != null) {
				addTask(beanName, type, functional, classTask, bean, found);
			}
			else {
				addListener(beanName, type, functional, classEvent, bean, found);
			}
		}
	}

	/**
	 * Returns the method to call on the bean (the proxy's, for a proxied bean), recording what is wrong.
	 * @return the method, or {@code null} when a problem was recorded
	 */
	private static @Nullable Method invocable(String beanName, Method method, @Nullable Class<?> exposedType,
			Found found) {
		String where = HandlerNames.of(beanName, method);
		if (Modifier.isStatic(method.getModifiers())) {
			found.problems.add(where + " is static: make it an instance method of the bean");
			return null;
		}
		try {
			return (exposedType != null) ? AopUtils.selectInvocableMethod(method, exposedType) : method;
		}
		catch (IllegalStateException ex) {
			found.problems.add(where + " cannot be called through the bean's proxy: make it public or protected, or "
					+ "declare it on an interface the bean implements");
			return null;
		}
	}

	private Supplier<Object> beanSupplier(String beanName) {
		if (this.beanFactory.isSingleton(beanName)) {
			return SingletonSupplier.of(() -> this.beanFactory.getBean(beanName));
		}
		return () -> this.beanFactory.getBean(beanName);
	}

	private void addTask(String beanName, Class<?> type, Method method, RunnerTask task, Supplier<Object> bean,
			Found found) {
		HandlerInvoker invoker = checkedInvoker("Task", task.id(), beanName, type, method, bean, found);
		TaskPolicy policy = policy(task, HandlerNames.of(beanName, method), found);
		if (invoker != null && policy != null) {
			found.tasks.add(new TaskDescriptor(task.id(), task.description(), task.exposed(), beanName, method,
					invoker, policy, task.cron(), task.zone()));
		}
	}

	private void addListener(String beanName, Class<?> type, Method method, RunnerEvent event, Supplier<Object> bean,
			Found found) {
		HandlerInvoker invoker = checkedInvoker("Event", event.id(), beanName, type, method, bean, found);
		if (invoker != null) {
			found.listeners.add(new EventListenerDescriptor(event.id(), event.order(), beanOrder(method, type),
					event.parallel(), event.async(), beanName, method, invoker));
		}
	}

	/**
	 * Checks a handler's id and signature, recording what is wrong.
	 * @return the handler's invoker, or {@code null} when a problem was recorded
	 */
	private @Nullable HandlerInvoker checkedInvoker(String kind, String id, String beanName, Class<?> type,
			Method method, Supplier<Object> bean, Found found) {
		String where = HandlerNames.of(beanName, method);
		String problem = RunnerIds.problem(id);
		if (problem != null) {
			found.problems.add(kind + " id '" + id + "' of " + where + " " + problem);
			return null;
		}
		try {
			return HandlerInvoker.create(bean, method, type, this.serializer, this.validation, this.authorization,
					this.blockingScheduler);
		}
		catch (HandlerSignatureException ex) {
			found.problems.add(where + " " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Resolves the guards, timeout and concurrency limit of a task, recording what is wrong.
	 * @return the policy, or {@code null} when a problem was recorded
	 */
	private @Nullable TaskPolicy policy(RunnerTask task, String where, Found found) {
		int problems = found.problems.size();
		List<Map.Entry<String, RunnerGuard>> guards = new ArrayList<>();
		for (Class<? extends RunnerGuard> guardType : task.guards()) {
			String[] names = this.beanFactory.getBeanNamesForType(guardType);
			if (names.length != 1) {
				found.problems.add(where + " names guard " + guardType.getSimpleName() + ", of which there are "
						+ names.length + " beans: declare exactly one bean of that type");
			}
			else {
				guards.add(Map.entry(names[0], this.beanFactory.getBean(names[0], RunnerGuard.class)));
			}
		}
		TaskSettings settings = this.taskSettings.getOrDefault(task.id(), new TaskSettings(null, null));
		Duration timeout = settings.timeout();
		if (timeout == null && !task.timeout().isEmpty()) {
			try {
				timeout = DurationStyle.detectAndParse(task.timeout());
			}
			catch (IllegalArgumentException ex) {
				found.problems.add(where + " has timeout '" + task.timeout()
						+ "', which is not a duration: write it as 500ms, 5s, 1m or PT5S");
			}
		}
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			found.problems.add(where + " has a timeout of " + timeout + ": a timeout must be positive");
		}
		int maxConcurrency = (settings.maxConcurrency() != null) ? settings.maxConcurrency() : task.maxConcurrency();
		if (maxConcurrency < 0) {
			found.problems.add(where + " has a max concurrency of " + maxConcurrency + ": use 0 for no limit");
		}
		if (found.problems.size() > problems) {
			return null;
		}
		return (guards.isEmpty() && timeout == null && maxConcurrency == 0) ? TaskPolicy.NONE
				: TaskPolicy.of(guards, timeout, maxConcurrency);
	}

	private static int beanOrder(Method method, Class<?> type) {
		Integer order = OrderUtils.getOrder(method);
		if (order == null) {
			order = OrderUtils.getOrder((java.lang.reflect.AnnotatedElement) type);
		}
		return (order != null) ? order : Ordered.LOWEST_PRECEDENCE;
	}

	private static final class Found {

		final List<TaskDescriptor> tasks = new ArrayList<>();

		final List<EventListenerDescriptor> listeners = new ArrayList<>();

		final List<String> problems = new ArrayList<>();

	}

}
