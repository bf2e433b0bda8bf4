package dev.runner.spring.serializer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Date formatting (docs/serializer.md §9.3) and parsing (§5).
 */
class JsDatesTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@ParameterizedTest
	@CsvSource({ "0, 1970-01-01T00:00:00.000Z", "-1, 1969-12-31T23:59:59.999Z", "1, 1970-01-01T00:00:00.001Z",
			"1704164645678, 2024-01-02T03:04:05.678Z", "-62167219200000, 0000-01-01T00:00:00.000Z",
			"-62135596800001, 0000-12-31T23:59:59.999Z", "253402300799999, 9999-12-31T23:59:59.999Z",
			"253402300800000, +010000-01-01T00:00:00.000Z", "-62198755200000, -000001-01-01T00:00:00.000Z",
			"8640000000000000, +275760-09-13T00:00:00.000Z", "-8640000000000000, -271821-04-20T00:00:00.000Z",
			"951782400000, 2000-02-29T00:00:00.000Z" })
	void formatsLikeToIsoString(long epochMilli, String text) {
		assertThat(JsDates.format(epochMilli)).isEqualTo(text);
		assertThat(JsDates.format(Instant.ofEpochMilli(epochMilli))).isEqualTo(text);
		assertThat(JsDates.parse(text)).isEqualTo(Instant.ofEpochMilli(epochMilli));
	}

	@Test
	void truncatesToMillisecondsTowardsNegativeInfinity() {
		assertThat(JsDates.format(Instant.ofEpochSecond(0, 999_999))).isEqualTo("1970-01-01T00:00:00.000Z");
		assertThat(JsDates.format(Instant.ofEpochSecond(-1, 999_999_999))).isEqualTo("1969-12-31T23:59:59.999Z");
		assertThat(JsDates.format(Instant.ofEpochSecond(-1, 1))).isEqualTo("1969-12-31T23:59:59.000Z");
	}

	@Test
	void rejectsInstantsOutsideTheJavaScriptRange() {
		for (Instant instant : new Instant[] { Instant.ofEpochMilli(8_640_000_000_000_001L),
				Instant.ofEpochMilli(-8_640_000_000_000_001L), Instant.MAX, Instant.MIN }) {
			RunnerSerializationException ex = SerializerAssertions.encodeFailure(this.serializer, instant);
			assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.RANGE_ERROR);
			assertThat(ex.getMessage()).isEqualTo("Invalid time value");
		}
		// 8.64e15 ms and 999 µs: truncated to the limit, still valid
		assertThat(JsDates.format(Instant.ofEpochMilli(8_640_000_000_000_000L).plusNanos(999_999)))
			.isEqualTo("+275760-09-13T00:00:00.000Z");
	}

	@Test
	void encodesJavaDateTypes() {
		String epoch = "{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"}";
		assertThat(this.serializer.encodeToString(new Date(0))).isEqualTo(epoch);
		assertThat(this.serializer.encodeToString(new java.sql.Timestamp(0))).isEqualTo(epoch);
		assertThat(this.serializer.encodeToString(new java.sql.Date(0))).isEqualTo(epoch);
		assertThat(this.serializer.encodeToString(OffsetDateTime.of(1970, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))))
			.isEqualTo(epoch);
		assertThat(this.serializer.encodeToString(ZonedDateTime.of(1969, 12, 31, 19, 0, 0, 0, ZoneId.of("America/New_York"))))
			.isEqualTo(epoch);
		Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
		calendar.setTimeInMillis(0);
		assertThat(this.serializer.encodeToString(calendar)).isEqualTo(epoch);
		assertThat(this.serializer.encodeToString(java.time.LocalDate.of(2024, 1, 2))).isEqualTo("\"2024-01-02\"");
		assertThat(this.serializer.encodeToString(java.time.LocalDateTime.of(2024, 1, 2, 3, 4)))
			.isEqualTo("\"2024-01-02T03:04:00\"");
	}

	@ParameterizedTest
	@CsvSource({ "2024, 2024-01-01T00:00:00Z", "2024-03, 2024-03-01T00:00:00Z", "2024-03-04, 2024-03-04T00:00:00Z",
			"2024-03-04T05:06, 2024-03-04T05:06:00Z", "2024-03-04T05:06:07Z, 2024-03-04T05:06:07Z",
			"2024-03-04T05:06:07.8Z, 2024-03-04T05:06:07.800Z", "2024-03-04T05:06:07.123456Z, 2024-03-04T05:06:07.123Z",
			"2024-03-04T05:06:07-02:30, 2024-03-04T07:36:07Z", "2024-03-04T05:06:07+0100, 2024-03-04T04:06:07Z",
			"2024-03-04t05:06:07z, 2024-03-04T05:06:07Z", "2024-03-04 05:06:07Z, 2024-03-04T05:06:07Z",
			"2024-03-04T24:00:00Z, 2024-03-05T00:00:00Z", "+002024-03-04T00:00:00Z, 2024-03-04T00:00:00Z" })
	void parsesIsoForms(String text, String expected) {
		assertThat(JsDates.parse(text)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "24", "2024-1-01", "2024-13-01", "2024-00-10", "2024-02-30",
			"2023-02-29", "2024-01-01T", "2024-01-01T10", "2024-01-01T25:00", "2024-01-01T10:60",
			"2024-01-01T10:00:60", "2024-01-01T24:00:01", "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00+25:00",
			"-000000-01-01T00:00:00Z", "+275760-09-13T00:00:00.001Z", "2024-01-01T10:00:00Zx", "Tue Jan 02 2024" })
	void rejectsOtherText(String text) {
		assertThat(JsDates.parse(text)).isNull();
	}

	@Test
	void numericPayloadsAreEpochMilliseconds() {
		assertThat(JsDates.fromEpochMilli(1.9)).isEqualTo(Instant.ofEpochMilli(1));
		assertThat(JsDates.fromEpochMilli(8.64e15)).isEqualTo(Instant.ofEpochMilli(8_640_000_000_000_000L));
		assertThat(JsDates.fromEpochMilli(8.64e15 + 1)).isNull();
		assertThat(JsDates.fromEpochMilli(Double.NaN)).isNull();
		assertThat(JsDates.fromEpochMilli(Double.NEGATIVE_INFINITY)).isNull();
	}

}
