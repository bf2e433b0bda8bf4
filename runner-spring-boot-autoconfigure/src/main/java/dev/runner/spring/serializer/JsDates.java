package dev.runner.spring.serializer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * JavaScript {@code Date} text: {@code toISOString()} formatting (docs/serializer.md §9.3) and parsing of the payloads a
 * {@code Date} type record may carry (§5): ISO 8601 strings as JavaScript reads them, and epoch milliseconds.
 */
final class JsDates {

	/** The JavaScript time range, ±8.64e15 ms around the epoch. */
	static final long MAX_EPOCH_MILLI = 8_640_000_000_000_000L;

	private static final long MILLIS_PER_DAY = 86_400_000L;

	private JsDates() {
	}

	/**
	 * Formats an instant like {@code toISOString()}, truncated (floor) to milliseconds.
	 * @throws RunnerSerializationException if the instant is outside the JavaScript range
	 */
	static String format(Instant instant) {
		long epochMilli;
		try {
			epochMilli = instant.toEpochMilli();
		}
		catch (ArithmeticException ex) {
			throw RunnerSerializationException.invalidTime();
		}
		return format(epochMilli);
	}

	/**
	 * Formats epoch milliseconds like {@code toISOString()}.
	 * @throws RunnerSerializationException if the value is outside the JavaScript range
	 */
	static String format(long epochMilli) {
		if (epochMilli > MAX_EPOCH_MILLI || epochMilli < -MAX_EPOCH_MILLI) {
			throw RunnerSerializationException.invalidTime();
		}
		long epochDay = Math.floorDiv(epochMilli, MILLIS_PER_DAY);
		int millisOfDay = (int) Math.floorMod(epochMilli, MILLIS_PER_DAY);
		LocalDate date = LocalDate.ofEpochDay(epochDay);
		char[] out = new char[27];
		int pos = 0;
		int year = date.getYear();
		if (year >= 0 && year <= 9999) {
			pos = digits(out, pos, year, 4);
		}
		else {
			out[pos++] = (year < 0) ? '-' : '+';
			pos = digits(out, pos, Math.abs(year), 6);
		}
		out[pos++] = '-';
		pos = digits(out, pos, date.getMonthValue(), 2);
		out[pos++] = '-';
		pos = digits(out, pos, date.getDayOfMonth(), 2);
		out[pos++] = 'T';
		pos = digits(out, pos, millisOfDay / 3_600_000, 2);
		out[pos++] = ':';
		pos = digits(out, pos, (millisOfDay / 60_000) % 60, 2);
		out[pos++] = ':';
		pos = digits(out, pos, (millisOfDay / 1000) % 60, 2);
		out[pos++] = '.';
		pos = digits(out, pos, millisOfDay % 1000, 3);
		out[pos++] = 'Z';
		return new String(out, 0, pos);
	}

	private static int digits(char[] out, int pos, int value, int width) {
		for (int i = width - 1; i >= 0; i--) {
			out[pos + i] = (char) ('0' + value % 10);
			value /= 10;
		}
		return pos + width;
	}

	/**
	 * Converts a numeric payload (epoch milliseconds, fraction truncated) to an instant.
	 * @return the instant, or {@code null} if JavaScript would produce an invalid date
	 */
	static @Nullable Instant fromEpochMilli(double value) {
		if (Double.isNaN(value) || Math.abs(value) > MAX_EPOCH_MILLI) {
			return null;
		}
		return Instant.ofEpochMilli((long) value);
	}

	/**
	 * Parses the ISO 8601 forms JavaScript's {@code Date} accepts: {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD},
	 * or {@code ±YYYYYY} years, optionally followed by {@code THH:mm}, {@code :ss}, {@code .s+} and {@code Z} or
	 * {@code ±HH:mm}. Unlike JavaScript, a date-time without offset is read as UTC, not local time.
	 * @return the instant truncated to milliseconds, or {@code null} if the text is not such a date in range
	 */
	static @Nullable Instant parse(String text) {
		return new IsoParser(text).parse();
	}

	private static final class IsoParser {

		private final String text;

		private int pos;

		IsoParser(String text) {
			this.text = text;
		}

		@Nullable Instant parse() {
			int length = this.text.length();
			if (length < 4) {
				return null;
			}
			int year;
			char first = this.text.charAt(0);
			if (first == '+' || first == '-') {
				this.pos = 1;
				year = number(6);
				if (year < 0 || (first == '-' && year == 0)) {
					return null;
				}
				year = (first == '-') ? -year : year;
			}
			else {
				year = number(4);
				if (year < 0) {
					return null;
				}
			}
			int month = 1;
			int day = 1;
			if (peek('-')) {
				this.pos++;
				month = number(2);
				if (peek('-')) {
					this.pos++;
					day = number(2);
				}
			}
			int hour = 0;
			int minute = 0;
			int second = 0;
			int millis = 0;
			int offsetMinutes = 0;
			if (this.pos < length) {
				char separator = this.text.charAt(this.pos);
				if (separator != 'T' && separator != 't' && separator != ' ') {
					return null;
				}
				this.pos++;
				hour = number(2);
				if (!peek(':')) {
					return null;
				}
				this.pos++;
				minute = number(2);
				if (peek(':')) {
					this.pos++;
					second = number(2);
					if (peek('.') || peek(',')) {
						this.pos++;
						millis = fraction();
					}
				}
				if (this.pos < length) {
					char zone = this.text.charAt(this.pos);
					if (zone == 'Z' || zone == 'z') {
						this.pos++;
					}
					else if (zone == '+' || zone == '-') {
						this.pos++;
						int offsetHours = number(2);
						if (peek(':')) {
							this.pos++;
						}
						int offsetMins = number(2);
						if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) {
							return null;
						}
						offsetMinutes = ((zone == '-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
					}
				}
			}
			if (this.pos != length || month < 1 || month > 12 || day < 1 || hour < 0 || minute < 0 || second < 0
					|| millis < 0 || minute > 59 || second > 59 || hour > 24
					|| (hour == 24 && (minute != 0 || second != 0 || millis != 0))) {
				return null;
			}
			long epochDay;
			try {
				epochDay = LocalDate.of(year, month, day).toEpochDay();
			}
			catch (DateTimeException ex) {
				return null;
			}
			long epochMilli = epochDay * MILLIS_PER_DAY + ((hour * 60L + minute) * 60 + second) * 1000 + millis
					- offsetMinutes * 60_000L;
			if (epochMilli > MAX_EPOCH_MILLI || epochMilli < -MAX_EPOCH_MILLI) {
				return null;
			}
			return Instant.ofEpochMilli(epochMilli);
		}

		private boolean peek(char c) {
			return this.pos < this.text.length() && this.text.charAt(this.pos) == c;
		}

		/** Reads exactly {@code count} digits, or returns -1. */
		private int number(int count) {
			if (this.pos + count > this.text.length()) {
				return -1;
			}
			int value = 0;
			for (int i = 0; i < count; i++) {
				char c = this.text.charAt(this.pos + i);
				if (c < '0' || c > '9') {
					return -1;
				}
				value = value * 10 + (c - '0');
			}
			this.pos += count;
			return value;
		}

		/** Reads one or more fraction digits as milliseconds (truncated), or returns -1. */
		private int fraction() {
			int start = this.pos;
			int millis = 0;
			while (this.pos < this.text.length() && this.text.charAt(this.pos) >= '0'
					&& this.text.charAt(this.pos) <= '9') {
				if (this.pos - start < 3) {
					millis = millis * 10 + (this.text.charAt(this.pos) - '0');
				}
				this.pos++;
			}
			int count = this.pos - start;
			if (count == 0) {
				return -1;
			}
			for (int i = count; i < 3; i++) {
				millis *= 10;
			}
			return millis;
		}

	}

}
