package dev.runner.spring.core;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.annotation.ValidationAnnotationUtils;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.MethodValidator;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;

/**
 * Bean Validation of handler inputs through Spring's {@link MethodValidator}: constraints declared on the input
 * parameter ({@code @Min(1) int count}), and {@code @Valid} / {@code @Validated} inputs with their nested objects and
 * collections. Violations become an {@link InvalidInputException} whose paths are relative to the input
 * ({@code age}, {@code lines[0].qty}; empty for the input itself) with the interpolated messages.
 *
 * @since 0.1.0
 */
public final class InputValidation {

	private final MethodValidator validator;

	/**
	 * Creates the validation.
	 * @param validator the method validator, usually a
	 * {@link org.springframework.validation.beanvalidation.MethodValidationAdapter} over the application's validator
	 */
	public InputValidation(MethodValidator validator) {
		this.validator = validator;
	}

	/**
	 * Returns how to validate one handler's arguments, decided once at start-up.
	 * @param method the handler method
	 * @return the plan, or {@code null} when no parameter asks for validation
	 */
	@Nullable Plan plan(Method method) {
		MethodParameter[] parameters = new MethodParameter[method.getParameterCount()];
		boolean validated = false;
		List<Class<?>> groups = new ArrayList<>();
		for (int i = 0; i < parameters.length; i++) {
			parameters[i] = new MethodParameter(method, i);
			for (Annotation annotation : parameters[i].getParameterAnnotations()) {
				Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
				if (hints != null) {
					validated = true;
					Arrays.stream(hints).filter(Class.class::isInstance).map(Class.class::cast).forEach(groups::add);
				}
				else if (isConstraint(annotation)) {
					validated = true;
				}
			}
			validated = validated || hasElementValidation(method.getAnnotatedParameterTypes()[i]);
		}
		return validated ? new Plan(method, parameters, groups.toArray(Class<?>[]::new)) : null;
	}

	/**
	 * Whether a type argument carries {@code @Valid} or a constraint, as in {@code List<@Valid Line>}.
	 */
	private static boolean hasElementValidation(AnnotatedType type) {
		if (!(type instanceof AnnotatedParameterizedType parameterized)) {
			return false;
		}
		for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
			for (Annotation annotation : argument.getAnnotations()) {
				if (annotation.annotationType().getName().equals("jakarta.validation.Valid") || isConstraint(annotation)) {
					return true;
				}
			}
			if (hasElementValidation(argument)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConstraint(Annotation annotation) {
		return Arrays.stream(annotation.annotationType().getAnnotations())
			.anyMatch((meta) -> meta.annotationType().getName().equals("jakarta.validation.Constraint"));
	}

	/**
	 * How to validate the arguments of one handler.
	 */
	final class Plan {

		private final Method method;

		private final MethodParameter[] parameters;

		private final Class<?>[] groups;

		private Plan(Method method, MethodParameter[] parameters, Class<?>[] groups) {
			this.method = method;
			this.parameters = parameters;
			this.groups = groups;
		}

		/**
		 * Validates the arguments of one call.
		 * @param target the bean the method is called on
		 * @param arguments the bound arguments
		 * @throws InvalidInputException if an argument is invalid
		 */
		void validate(Object target, Object[] arguments) {
			MethodValidationResult result = InputValidation.this.validator.validateArguments(target, this.method,
					this.parameters, arguments, this.groups);
			if (!result.hasErrors()) {
				return;
			}
			List<InvalidInputException.Violation> violations = new ArrayList<>();
			for (ParameterValidationResult parameter : result.getParameterValidationResults()) {
				String prefix = container(parameter);
				if (parameter instanceof ParameterErrors errors) {
					for (ObjectError error : errors.getAllErrors()) {
						String field = (error instanceof FieldError fieldError) ? fieldError.getField() : "";
						violations.add(violation(join(prefix, field), error));
					}
				}
				else {
					parameter.getResolvableErrors().forEach((error) -> violations.add(violation(prefix, error)));
				}
			}
			throw new InvalidInputException(violations);
		}

		private static String container(ParameterValidationResult parameter) {
			if (parameter.getContainerIndex() != null) {
				return "[" + parameter.getContainerIndex() + "]";
			}
			return (parameter.getContainerKey() != null) ? "[" + parameter.getContainerKey() + "]" : "";
		}

		private static String join(String prefix, String field) {
			if (prefix.isEmpty() || field.isEmpty()) {
				return prefix + field;
			}
			return prefix + "." + field;
		}

		private static InvalidInputException.Violation violation(String path, MessageSourceResolvable error) {
			String message = error.getDefaultMessage();
			return new InvalidInputException.Violation(path, (message != null) ? message : "is invalid");
		}

	}

}
