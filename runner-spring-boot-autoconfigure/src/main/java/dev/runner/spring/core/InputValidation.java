package dev.runner.spring.core;

import java.util.ArrayList;
import java.util.List;

import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.SmartValidator;

/**
 * Bean Validation of handler inputs declared {@code @Valid} or {@code @Validated}, through Spring's
 * {@link SmartValidator}; violations become an {@link InvalidInputException} with Spring's property paths
 * ({@code lines[0].qty}) and the interpolated messages.
 *
 * @since 0.1.0
 */
public final class InputValidation {

	private final SmartValidator validator;

	/**
	 * Creates the validation.
	 * @param validator the application's validator
	 */
	public InputValidation(SmartValidator validator) {
		this.validator = validator;
	}

	/**
	 * Validates one input.
	 * @param input the converted input
	 * @param hints the validation groups of {@code @Validated}, empty for {@code @Valid}
	 * @throws InvalidInputException if the input is invalid
	 */
	void validate(Object input, Object[] hints) {
		DirectFieldBindingResult errors = new DirectFieldBindingResult(input, "input");
		this.validator.validate(input, errors, hints);
		if (!errors.hasErrors()) {
			return;
		}
		List<InvalidInputException.Violation> violations = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			String path = (error instanceof FieldError field) ? field.getField() : "";
			String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
			violations.add(new InvalidInputException.Violation(path, message));
		}
		throw new InvalidInputException(violations);
	}

}
