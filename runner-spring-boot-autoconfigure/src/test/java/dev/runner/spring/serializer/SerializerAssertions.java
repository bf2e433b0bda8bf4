package dev.runner.spring.serializer;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Helpers for failure assertions.
 */
final class SerializerAssertions {

	private SerializerAssertions() {
	}

	static RunnerSerializationException decodeFailure(RunnerSerializer serializer, String text) {
		assertThatExceptionOfType(RunnerSerializationException.class).isThrownBy(() -> serializer.decode(text));
		return catchThrowableOfType(RunnerSerializationException.class, () -> serializer.decode(text));
	}

	static RunnerSerializationException encodeFailure(RunnerSerializer serializer, Object value) {
		assertThatExceptionOfType(RunnerSerializationException.class).isThrownBy(() -> serializer.encode(value));
		return catchThrowableOfType(RunnerSerializationException.class, () -> serializer.encode(value));
	}

}
