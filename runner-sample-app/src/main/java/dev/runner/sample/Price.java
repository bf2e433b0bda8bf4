package dev.runner.sample;

import java.math.BigDecimal;

/**
 * An amount of money; travels as the custom serializer type {@code Price} (see {@link PriceCodec}).
 *
 * @param amount the amount
 * @param currency the ISO 4217 currency code
 * @since 0.1.0
 */
public record Price(BigDecimal amount, String currency) {

}
