package dev.runner.spring.serializer;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECMAScript Number::toString output (docs/serializer.md §3.1, §9.2).
 */
class JsNumbersTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0|0", "-0.0|0", "1|1", "-1|-1", "1.5|1.5", "0.1|0.1",
			"0.30000000000000004|0.30000000000000004", "1e21|1e+21", "1e20|100000000000000000000",
			"123e-20|1.23e-18", "1e-7|1e-7", "1e-6|0.000001", "1.5e-6|0.0000015", "0.000001234|0.000001234",
			"5e-324|5e-324", "4.9e-324|5e-324", "1e-323|1e-323", "2.5e-323|2.5e-323",
			"1.7976931348623157e308|1.7976931348623157e+308", "9007199254740992|9007199254740992",
			"9007199254740994|9007199254740994", "18446744073709551616|18446744073709552000",
			"1180591620717411303424|1.1805916207174113e+21", "123456789012345680000|123456789012345680000",
			"-1.5e300|-1.5e+300", "4.35|4.35", "100|100", "1000000000000000.5|1000000000000000.5",
			"2.82879384806159e17|282879384806159000", "1e23|1e+23", "0.001|0.001", "12345678.9|12345678.9",
			"2.2250738585072014e-308|2.2250738585072014e-308", "-2.5e-7|-2.5e-7", "1.2e21|1.2e+21" })
	void formatsDoubles(double value, String expected) {
		assertThat(JsNumbers.format(value)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "1.1|1.1", "0|0", "16777216|16777216", "1e10|10000000000",
			"3.4028235e38|3.4028235e+38", "1.4e-45|1e-45", "-0.1|-0.1", "1e-7|1e-7" })
	void formatsFloatsWithTheirOwnDigits(float value, String expected) {
		assertThat(JsNumbers.format(value)).isEqualTo(expected);
	}

	@Test
	void roundTripsRandomDoubles() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 200_000; i++) {
			double value = Double.longBitsToDouble(random.nextLong());
			if (Double.isNaN(value) || Double.isInfinite(value)) {
				continue;
			}
			String text = JsNumbers.format(value);
			assertThat(Double.parseDouble(text)).as(text).isEqualTo((value == 0) ? 0.0 : value);
			assertThat(significantDigits(text)).as(text).isLessThanOrEqualTo(17);
		}
	}

	@Test
	void roundTripsRandomFloats() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 100_000; i++) {
			float value = Float.intBitsToFloat(random.nextInt());
			if (Float.isNaN(value) || Float.isInfinite(value)) {
				continue;
			}
			String text = JsNumbers.format(value);
			assertThat(Float.parseFloat(text)).as(text).isEqualTo((value == 0) ? 0.0f : value);
		}
	}

	@Test
	void encodesNumbersInArraysAndBoxes() {
		RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());
		assertThat(serializer.encodeToString(new double[] { 1, 0.5, Double.NaN, 1e21 }))
			.isEqualTo("[1,0.5,{\"__type\":\"NonFiniteNumber\",\"value\":\"NaN\"},1e+21]");
		assertThat(serializer.encodeToString(new float[] { 1.1f, Float.NEGATIVE_INFINITY }))
			.isEqualTo("[1.1,{\"__type\":\"NonFiniteNumber\",\"value\":\"-Infinity\"}]");
		assertThat(serializer.encodeToString(new int[] { 1, -2 })).isEqualTo("[1,-2]");
		assertThat(serializer.encodeToString(new long[] { Long.MAX_VALUE })).isEqualTo("[9223372036854775807]");
		assertThat(serializer.encodeToString(new short[] { -3 })).isEqualTo("[-3]");
		assertThat(serializer.encodeToString(new char[] { 'A' })).isEqualTo("[65]");
		assertThat(serializer.encodeToString(new boolean[] { true, false })).isEqualTo("[true,false]");
		assertThat(serializer.encodeToString(new Object[] { 1, "a", null })).isEqualTo("[1,\"a\",null]");
		assertThat(serializer.encodeToString((byte) 7)).isEqualTo("7");
		assertThat(serializer.encodeToString(new java.math.BigDecimal("1.50E+3"))).isEqualTo("1500");
		assertThat(serializer.encodeToString(new java.math.BigDecimal("0.000000123"))).isEqualTo("0.000000123");
		assertThat(serializer.encodeToString(new java.util.concurrent.atomic.AtomicLong(5))).isEqualTo("5");
		assertThat(serializer.encodeToString(new java.util.concurrent.atomic.DoubleAdder())).isEqualTo("0");
		assertThat(serializer.encodeToString(Float.NaN))
			.isEqualTo("{\"__type\":\"NonFiniteNumber\",\"value\":\"NaN\"}");
	}

	private static int significantDigits(String text) {
		String mantissa = text.replace("-", "");
		int e = mantissa.indexOf('e');
		if (e >= 0) {
			mantissa = mantissa.substring(0, e);
		}
		String digits = mantissa.replace(".", "").replaceFirst("^0+", "");
		return digits.replaceFirst("0+$", "").length();
	}

}
