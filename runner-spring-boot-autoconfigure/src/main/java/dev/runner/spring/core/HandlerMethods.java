package dev.runner.spring.core;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;

/**
 * The handlers one bean class declares: its {@link RunnerTask} and {@link RunnerEvent} methods, and the annotation on
 * the class itself for a bean implementing {@link Function}, {@link Supplier} or {@link Consumer}. Found the same way
 * at run time ({@link RunnerMethodProcessor}) and ahead of time ({@link RunnerHandlersAotProcessor}).
 *
 * @param tasks the task methods and their annotations
 * @param events the listener methods and their annotations
 * @param classTask the task annotation on the class, or {@code null}
 * @param classEvent the event annotation on the class, or {@code null}
 */
record HandlerMethods(Map<Method, RunnerTask> tasks, Map<Method, RunnerEvent> events, @Nullable RunnerTask classTask,
		@Nullable RunnerEvent classEvent) {

	private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(RunnerTask.class, RunnerEvent.class);

	private static final HandlerMethods NONE = new HandlerMethods(Map.of(), Map.of(), null, null);

	/**
	 * Finds the handlers of a class.
	 * @param type the user class of a bean
	 * @return its handlers, {@link #isEmpty() empty} when it declares none
	 */
	static HandlerMethods of(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, ANNOTATIONS)) {
			return NONE;
		}
		Map<Method, RunnerTask> tasks = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<RunnerTask>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, RunnerTask.class));
		Map<Method, RunnerEvent> events = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<RunnerEvent>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, RunnerEvent.class));
		RunnerTask classTask = AnnotatedElementUtils.findMergedAnnotation(type, RunnerTask.class);
		RunnerEvent classEvent = AnnotatedElementUtils.findMergedAnnotation(type, RunnerEvent.class);
		return new HandlerMethods(tasks, events, classTask, classEvent);
	}

	/**
	 * Whether the class declares no handler.
	 * @return whether there is none
	 */
	boolean isEmpty() {
		return this.tasks.isEmpty() && this.events.isEmpty() && this.classTask == null && this.classEvent == null;
	}

	/**
	 * Returns the method a class-level annotation makes a handler: {@link Function#apply}, {@link Consumer#accept},
	 * or, for a task, {@link Supplier#get}.
	 * @param type the bean's class
	 * @param task whether the annotation is {@link RunnerTask}
	 * @return the method, or {@code null} when the class implements none of them
	 */
	static @Nullable Method functionalMethod(Class<?> type, boolean task) {
		try {
			if (Function.class.isAssignableFrom(type)) {
				return Function.class.getMethod("apply", Object.class);
			}
			if (Consumer.class.isAssignableFrom(type)) {
				return Consumer.class.getMethod("accept", Object.class);
			}
			if (task && Supplier.class.isAssignableFrom(type)) {
				return Supplier.class.getMethod("get");
			}
			return null;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
