package dev.runner.spring;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RunnerStreamResponse}.
 */
class RunnerStreamResponseTests {

	private static String text(RunnerStreamResponse response) {
		DataBuffer joined = DataBufferUtils.join(response.body(DefaultDataBufferFactory.sharedInstance)).block();
		return (joined != null) ? joined.toString(StandardCharsets.UTF_8) : "";
	}

	@Test
	void defaultsToOkOctetStream() {
		RunnerStreamResponse response = RunnerStreamResponse.of(new ByteArrayResource("abc".getBytes()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).isEqualTo("application/octet-stream");
		assertThat(response.headers().isEmpty()).isTrue();
		assertThat(text(response)).isEqualTo("abc");
	}

	@Test
	void keepsStatusTypeAndHeadersAsGiven() {
		RunnerStreamResponse response = RunnerStreamResponse.status(201)
			.contentType(MediaType.TEXT_PLAIN)
			.header("x-custom", "1", "2")
			.header("set-cookie", "kept here, dropped by the tunnel")
			.body(DataBufferUtils.readInputStream(() -> new ByteArrayInputStream("x".getBytes()),
					DefaultDataBufferFactory.sharedInstance, 16));
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.contentType()).isEqualTo("text/plain");
		assertThat(response.headers().get("x-custom")).containsExactly("1", "2");
		assertThat(response.headers().getFirst("set-cookie")).isNotNull();
		assertThat(text(response)).isEqualTo("x");
	}

	@Test
	void readsInputStreamOffTheCallingThreadAndClosesIt() {
		AtomicReference<String> reader = new AtomicReference<>();
		AtomicBoolean closed = new AtomicBoolean();
		ByteArrayInputStream stream = new ByteArrayInputStream("streamed".getBytes()) {

			@Override
			public synchronized int read(byte[] bytes, int offset, int length) {
				reader.set(Thread.currentThread().getName());
				return super.read(bytes, offset, length);
			}

			@Override
			public void close() {
				closed.set(true);
			}

		};
		assertThat(text(RunnerStreamResponse.of(stream))).isEqualTo("streamed");
		assertThat(reader.get()).startsWith("boundedElastic");
		assertThat(closed).isTrue();
	}

	@Test
	void refusesStatusOutsideHttpRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerStreamResponse.status(99));
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerStreamResponse.status(600));
	}

}
