package dev.runner.spring.contract;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.serializer.RunnerTypeCodec;

/**
 * Tasks and an event over every kind of Java type the contracts describe, for {@link ContractIntegrationTests}.
 */
@Configuration(proxyBeanMethods = false)
class ContractKinds {

	enum Status {

		OPEN, DONE

	}

	record Tag(String name) {
	}

	record Page<T>(List<T> items, int total) {
	}

	record Money(long cents, String currency) {
	}

	record MoneyPayload(long cents, String currency) {
	}

	record Everything(@NotBlank @Size(max = 20) String title, @Min(1) @Max(5) int stars, @Nullable String note,
			Optional<String> maybe, Status status, Instant at, LocalDate day, BigInteger big, @Min(0) double ratio,
			Set<Tag> tags, Map<String, Integer> counts, Map<Integer, Tag> byId, byte[] bytes, Pattern pattern,
			List<Tag> list, Page<Tag> page, @jakarta.validation.constraints.Pattern(regexp = "^[a-z]+$") String slug,
			Money price, @Nullable Instant due, @Nullable Object anything) {
	}

	record Upload(String label, RunnerFile file) {
	}

	@Bean
	RunnerTypeCodec<Money> moneyCodec() {
		return new RunnerTypeCodec<>() {

			@Override
			public String typeId() {
				return "Money";
			}

			@Override
			public Class<Money> type() {
				return Money.class;
			}

			@Override
			public Object toPayload(Money value) {
				return Map.of("cents", value.cents(), "currency", value.currency());
			}

			@Override
			public Money fromPayload(@Nullable Object payload) {
				Map<?, ?> map = (Map<?, ?>) payload;
				return new Money(((Number) map.get("cents")).longValue(), (String) map.get("currency"));
			}

			@Override
			public java.lang.reflect.Type payloadType() {
				return MoneyPayload.class;
			}

		};
	}

	@Bean
	Handlers contractHandlers() {
		return new Handlers();
	}

	static class Handlers {

		@RunnerTask("kinds.echo")
		Everything echo(@Valid Everything everything) {
			return everything;
		}

		@RunnerTask("kinds.tags")
		Flux<Tag> tags(Page<Tag> page) {
			return Flux.fromIterable(page.items());
		}

		@RunnerTask("kinds.nothing")
		void nothing() {
		}

		@RunnerTask("kinds.maybe")
		Optional<Tag> maybe(Optional<String> name) {
			return name.map(Tag::new);
		}

		@RunnerTask("kinds.bytes")
		Flux<DataBuffer> bytes() {
			return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("raw".getBytes(StandardCharsets.UTF_8)));
		}

		@RunnerTask("kinds.upload")
		Mono<String> upload(Upload upload) {
			return upload.file().content().map((buffer) -> {
				int size = buffer.readableByteCount();
				org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
				return size;
			}).reduce(0, Integer::sum).map((size) -> upload.label() + ":" + size);
		}

		@RunnerTask(value = "kinds.hidden", exposed = false)
		String hidden(String input) {
			return input;
		}

		@RunnerEvent("kinds.tagged")
		void tagged(Tag tag) {
		}

	}

}
