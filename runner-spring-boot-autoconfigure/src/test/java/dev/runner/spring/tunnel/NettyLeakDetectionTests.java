package dev.runner.spring.tunnel;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves that {@link NettyLeakDetection} notices a leaked buffer (the leak is consumed here, so this class itself
 * passes).
 */
class NettyLeakDetectionTests {

	@Test
	void failsWhenABufferIsNeverReleased() {
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			leakOneBuffer();
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NettyLeakDetection.assertNoLeaks("the leak proof"))
			.withMessageContaining("1 leak(s) or double release(s) during or after the leak proof")
			.withMessageContaining("ByteBuf.release() was not called")
			.withMessageContaining("leakOneBuffer");
	}

	/**
	 * A tracked resource closed twice, as a leak-aware buffer is when released again after its pooled memory went to
	 * another owner (the second release then frees that owner's buffer).
	 */
	@Test
	void failsWhenABufferIsReleasedTwice() {
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			ResourceLeakDetector<Object> detector = ResourceLeakDetectorFactory.instance()
				.newResourceLeakDetector(Object.class, 1);
			Object resource = new Object();
			ResourceLeakTracker<Object> tracker = detector.track(resource);
			assertThat(tracker.close(resource)).isTrue();
			assertThat(tracker.close(resource)).isFalse();
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NettyLeakDetection.assertNoLeaks("the double release proof"))
			.withMessageContaining("RELEASED TWICE")
			.withMessageContaining("failsWhenABufferIsReleasedTwice");
	}

	@Test
	void passesWhenEveryBufferIsReleased() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
		buffer.writeCharSequence("released", StandardCharsets.US_ASCII);
		buffer.release();
		assertThatCode(() -> NettyLeakDetection.assertNoLeaks("a clean test")).doesNotThrowAnyException();
	}

	private static void leakOneBuffer() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
		buffer.writeCharSequence("never released", StandardCharsets.US_ASCII);
	}

}
