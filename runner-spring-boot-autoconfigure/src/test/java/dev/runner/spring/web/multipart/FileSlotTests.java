package dev.runner.spring.web.multipart;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The transitions of one file's content through a multipart call.
 */
class FileSlotTests {

	private static final PartHead HEAD = new PartHead("file:F1", "a.txt", "text/plain", true);

	@Test
	void partForTheWaitingReaderGoesToIt() {
		FileSlot slot = new FileSlot();
		Sinks.One<Flux<DataBuffer>> reader = Sinks.one();
		slot.await(reader);
		assertThat(slot.isAwaited()).isTrue();
		assertThat(slot.isReceived()).isFalse();
		assertThat(slot.arrivedForReader(HEAD)).isSameAs(reader);
		assertThat(slot.state()).isEqualTo(FileSlot.State.READING);
		assertThat(slot.isReceived()).isTrue();
		assertThat(slot.head()).isEqualTo(HEAD);
	}

	@Test
	void partOfAnAbandonedReaderIsDropped() {
		FileSlot slot = new FileSlot();
		Sinks.One<Flux<DataBuffer>> reader = Sinks.one();
		slot.await(reader);
		slot.abandon(reader);
		assertThat(slot.state()).isEqualTo(FileSlot.State.ABANDONED);
		slot.arrivedDropped(HEAD);
		assertThat(slot.state()).isEqualTo(FileSlot.State.DROPPED);
		assertThat(slot.isReceived()).isTrue();
	}

	@Test
	void takingTheWaitingReaderToFailItAbandonsTheSlot() {
		FileSlot slot = new FileSlot();
		assertThat(slot.takeReader()).isNull();
		Sinks.One<Flux<DataBuffer>> reader = Sinks.one();
		slot.await(reader);
		assertThat(slot.takeReader()).isSameAs(reader);
		assertThat(slot.state()).isEqualTo(FileSlot.State.ABANDONED);
	}

	@Test
	void refusesTransitionsFromTheWrongState() {
		FileSlot slot = new FileSlot();
		assertThatIllegalStateException().isThrownBy(slot::readSpool)
			.withMessage("File part in state EXPECTED, expected one of [SPOOLED]");
		assertThatIllegalStateException().isThrownBy(() -> slot.arrivedForReader(HEAD));
		slot.arrivedDropped(HEAD);
		assertThatIllegalStateException().isThrownBy(() -> slot.await(Sinks.one()));
		assertThatIllegalStateException().isThrownBy(slot::dropLive);
	}

}
