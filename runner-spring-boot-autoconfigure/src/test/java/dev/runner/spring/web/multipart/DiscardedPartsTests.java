package dev.runner.spring.web.multipart;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import dev.runner.spring.RunnerFile;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.testsupport.TunnelServer.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DiscardedParts} works around spring-framework#37115: when a multipart read ends early (the client aborts an
 * upload), Spring's {@code PartEventHttpMessageReader} drops queued parser tokens without releasing their buffers.
 * Over a real server, uploads aborted while their task reads slowly leave such tokens, and the workaround releases
 * them. The test fails once Spring releases them itself (the workaround then finds them free, or never meets them),
 * the sign that {@code DiscardedParts} and its reflective access to Spring's private {@code MultipartParser$Token}
 * can go.
 */
class DiscardedPartsTests {

	private static final String BOUNDARY = "XyZ";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(SlowReader.class, "runner.auth.tokens=secret")
		.silencingExpectedFailures();

	@Test
	void springStillLeavesParserTokenBuffersForTheWorkaroundToRelease() throws Exception {
		long releasedBefore = DiscardedParts.TOKEN_BUFFERS_RELEASED.sum();
		long freeBefore = DiscardedParts.TOKEN_BUFFERS_FOUND_FREE.sum();
		byte[] chunk = new byte[16 * 1024];
		Arrays.fill(chunk, (byte) 'u');
		for (int i = 0; i < 40; i++) {
			try (Connection connection = server.connect()) {
				connection.writeRaw(("POST /__runner/task/app.slowRead HTTP/1.1\r\nHost: x\r\nx-runner-token: secret\r\n"
						+ "content-type: multipart/form-data; boundary=" + BOUNDARY + "\r\ncontent-length: 100000000\r\n\r\n"
						+ "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"__manifest\"\r\n\r\n"
						+ "{\"input\":{\"$runnerFile\":\"File\",\"id\":\"F1\"}}\r\n--" + BOUNDARY
						+ "\r\nContent-Disposition: form-data; name=\"file:F1\"; filename=\"big\"\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				for (int c = 0; c < 16; c++) {
					connection.writeRaw(chunk);
				}
				Thread.sleep(20);
				connection.abort();
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(DiscardedParts.TOKEN_BUFFERS_RELEASED.sum())
				.as("parser-token buffers Spring discarded unreleased; none means spring-framework#37115 is in this "
						+ "Spring version: remove DiscardedParts")
				.isGreaterThan(releasedBefore));
		long released = DiscardedParts.TOKEN_BUFFERS_RELEASED.sum() - releasedBefore;
		long free = DiscardedParts.TOKEN_BUFFERS_FOUND_FREE.sum() - freeBefore;
		// A token discarded after its buffer went on in a part event the call has consumed and released is found
		// free now and then; Spring releasing tokens itself would make every one of them free.
		assertThat(free).as("parser-token buffers Spring released itself").isLessThan(released);
	}

	static class SlowReader {

		@RunnerTask("app.slowRead")
		Mono<Long> slowRead(RunnerFile file) {
			return file.content()
				.delayElements(Duration.ofMillis(5))
				.map((buffer) -> {
					int size = buffer.readableByteCount();
					DataBufferUtils.release(buffer);
					return (long) size;
				})
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release) // the buffer delayElements holds when cancelled
				.reduce(0L, Long::sum);
		}

	}

}
