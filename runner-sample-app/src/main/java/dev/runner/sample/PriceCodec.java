package dev.runner.sample;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.serializer.RunnerTypeCodec;

import org.springframework.stereotype.Component;

/**
 * Maps {@link Price} to the custom type {@code Price} that a JavaScript client registers with
 * {@code serializer.addType({id: "Price", ...})}: payload {@code {"amount": number, "currency": string}}.
 *
 * @since 0.1.0
 */
@Component
public class PriceCodec implements RunnerTypeCodec<Price> {

	@Override
	public String typeId() {
		return "Price";
	}

	@Override
	public Class<Price> type() {
		return Price.class;
	}

	/**
	 * Describes the payload in the published contracts ({@code GET /__runner/schema}).
	 */
	@Override
	public java.lang.reflect.Type payloadType() {
		return Payload.class;
	}

	@Override
	public Object toPayload(Price value) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("amount", value.amount());
		payload.put("currency", value.currency());
		return payload;
	}

	@Override
	public Price fromPayload(@Nullable Object payload) {
		if (!(payload instanceof Map<?, ?> map) || !(map.get("amount") instanceof Number amount)
				|| !(map.get("currency") instanceof String currency)) {
			throw new IllegalArgumentException("A Price payload is {amount: number, currency: string}");
		}
		return new Price(new BigDecimal(amount.toString()), currency);
	}

	/**
	 * The payload of a {@code Price} record, for the contracts.
	 *
	 * @param amount the amount, a JavaScript number
	 * @param currency the ISO 4217 code
	 */
	record Payload(BigDecimal amount, String currency) {
	}

}
