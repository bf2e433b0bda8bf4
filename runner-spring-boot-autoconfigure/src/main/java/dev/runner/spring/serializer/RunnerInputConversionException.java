package dev.runner.spring.serializer;

public class RunnerInputConversionException extends RuntimeException {

	private final String path;

	public RunnerInputConversionException(String path, String message) {
		super(message);
		this.path = path;
	}

	public String path() {
		return this.path;
	}

}
