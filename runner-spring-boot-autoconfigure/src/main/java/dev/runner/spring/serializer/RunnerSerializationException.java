package dev.runner.spring.serializer;

public class RunnerSerializationException extends RuntimeException {

	private final String errorId;

	public RunnerSerializationException(String errorId, String message) {
		super(message);
		this.errorId = errorId;
	}

	public String errorId() {
		return this.errorId;
	}

}
