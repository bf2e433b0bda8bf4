package dev.runner.spring.serializer;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CustomTypesTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build(),
			List.of(new MoneyCodec()));

	@Test
	void encodesCustomTypeAsTypeRecordAnywhere() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("price", new Money(new BigDecimal("5.50"), "EUR"));
		value.put("list", List.of(new Money(BigDecimal.ONE, "USD")));
		assertThat(this.serializer.encodeToString(value)).isEqualTo(
				"{\"price\":{\"__type\":\"Money\",\"value\":{\"amount\":\"5.50\",\"currency\":\"EUR\"}},"
						+ "\"list\":[{\"__type\":\"Money\",\"value\":{\"amount\":\"1\",\"currency\":\"USD\"}}]}");
	}

	@Test
	void decodesCustomTypeInTreeAndGraphFormat() {
		assertThat(this.serializer.decode("{\"__type\":\"Money\",\"value\":{\"amount\":\"2\",\"currency\":\"USD\"}}"))
			.isEqualTo(new Money(new BigDecimal("2"), "USD"));
		assertThat(this.serializer.decode("{\"__graph\":true,\"version\":1,\"root\":{\"__ref\":\"obj_1\"},\"nodes\":"
				+ "{\"obj_2\":{\"kind\":\"object\",\"value\":{\"amount\":\"3\",\"currency\":\"GBP\"}},"
				+ "\"obj_1\":{\"kind\":\"type\",\"type\":\"Money\",\"value\":{\"__ref\":\"obj_2\"}}}}"))
			.isEqualTo(new Money(new BigDecimal("3"), "GBP"));
	}

	@Test
	void convertsRecordsHoldingCustomTypes() {
		Object decoded = this.serializer
			.decode("{\"item\":\"tea\",\"price\":{\"__type\":\"Money\",\"value\":{\"amount\":\"4\",\"currency\":\"EUR\"}}}");
		assertThat(this.serializer.convert(decoded, Line.class))
			.isEqualTo(new Line("tea", new Money(new BigDecimal("4"), "EUR")));
	}

	@Test
	void refusesInvalidPayloadAsDecodeError() {
		assertThatExceptionOfType(RunnerSerializationException.class)
			.isThrownBy(() -> this.serializer.decode("{\"__type\":\"Money\",\"value\":5}"))
			.withMessage("Invalid Money payload");
		assertThatExceptionOfType(RunnerSerializationException.class)
			.isThrownBy(() -> new RunnerSerializer(JsonMapper.builder().build()).decode("{\"__type\":\"Money\",\"value\":{}}"))
			.withMessage("Unknown type: Money");
	}

	@Test
	void refusesBuiltinAndDuplicateIds() {
		MoneyCodec dateCodec = new MoneyCodec() {
			@Override
			public String typeId() {
				return "Date";
			}
		};
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RunnerSerializer(JsonMapper.builder().build(), List.of(dateCodec)))
			.withMessageContaining("has the type id 'Date', which is empty or a builtin type's");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RunnerSerializer(JsonMapper.builder().build(),
					List.of(new MoneyCodec(), new MoneyCodec())))
			.withMessageContaining("both have the type id 'Money'");
	}

	record Money(BigDecimal amount, String currency) {
	}

	record Line(String item, Money price) {
	}

	static class MoneyCodec implements RunnerTypeCodec<Money> {

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
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("amount", value.amount().toPlainString());
			payload.put("currency", value.currency());
			return payload;
		}

		@Override
		public Money fromPayload(@Nullable Object payload) {
			Map<?, ?> map = (Map<?, ?>) payload;
			return new Money(new BigDecimal((String) map.get("amount")), (String) map.get("currency"));
		}

	}

}
