package dev.runner.spring.core;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

final class HandlerNames {

	private HandlerNames() {
	}

	static String of(String beanName, Method method) {
		return beanName + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
