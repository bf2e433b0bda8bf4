package dev.runner.spring.serializer;

import java.math.BigDecimal;

import tools.jackson.core.io.schubfach.DoubleToDecimal;
import tools.jackson.core.io.schubfach.FloatToDecimal;

/**
 * ECMAScript Number::toString for finite values (docs/serializer.md §3.1, §9.2): the shortest digits that round-trip
 * (Jackson's Schubfach implementation, corrected to a single digit where JavaScript takes one), laid out with
 * JavaScript's rules ({@code 1}, {@code 1.5}, {@code 1e+21}, {@code 1e-7}, {@code 123456789012345680000}).
 */
final class JsNumbers {

	private static final double TWO_POW_53 = 9_007_199_254_740_992d;

	private JsNumbers() {
	}

	/**
	 * Formats a finite double; {@code -0} is {@code "0"}.
	 */
	static String format(double value) {
		if (value == 0) {
			return "0";
		}
		double abs = Math.abs(value);
		if (abs < TWO_POW_53 && value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		if (abs >= 1e-3 && abs < 1e7) {
			// Here Java's shortest form is plain digits with a fraction, exactly JavaScript's.
			String digits = DoubleToDecimal.toString(abs);
			return (value < 0) ? "-" + digits : digits;
		}
		Decimal decimal = Decimal.parse(DoubleToDecimal.toString(abs));
		if (decimal.digits.length() == 2 && abs < Double.MIN_NORMAL) {
			decimal = shortenSubnormal(abs, decimal);
		}
		return decimal.render(value < 0);
	}

	/**
	 * Formats a finite float with its own shortest digits (so {@code 1.1f} is {@code "1.1"}).
	 */
	static String format(float value) {
		if (value == 0) {
			return "0";
		}
		float abs = Math.abs(value);
		if (abs < 16_777_216f && value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		Decimal decimal = Decimal.parse(FloatToDecimal.toString(abs));
		if (decimal.digits.length() == 2 && abs < Float.MIN_NORMAL) {
			decimal = shortenSubnormalFloat(abs, decimal);
		}
		return decimal.render(value < 0);
	}

	// Java picks the closest two-digit decimal when a one-digit one also rounds to the value (for example
	// 4.9E-324); JavaScript takes the closest one-digit decimal. This only happens for subnormals.
	private static Decimal shortenSubnormal(double abs, Decimal decimal) {
		Decimal best = null;
		BigDecimal exact = new BigDecimal(abs);
		BigDecimal bestDistance = null;
		for (Decimal candidate : decimal.oneDigitNeighbours()) {
			if (Double.parseDouble(candidate.toJavaLiteral()) == abs) {
				BigDecimal distance = candidate.toBigDecimal().subtract(exact).abs();
				if (best == null || distance.compareTo(bestDistance) < 0) {
					best = candidate;
					bestDistance = distance;
				}
			}
		}
		return (best != null) ? best : decimal;
	}

	private static Decimal shortenSubnormalFloat(float abs, Decimal decimal) {
		Decimal best = null;
		BigDecimal exact = new BigDecimal(abs);
		BigDecimal bestDistance = null;
		for (Decimal candidate : decimal.oneDigitNeighbours()) {
			if (Float.parseFloat(candidate.toJavaLiteral()) == abs) {
				BigDecimal distance = candidate.toBigDecimal().subtract(exact).abs();
				if (best == null || distance.compareTo(bestDistance) < 0) {
					best = candidate;
					bestDistance = distance;
				}
			}
		}
		return (best != null) ? best : decimal;
	}

	/**
	 * A positive decimal {@code 0.digits × 10^exponent}, digits without leading or trailing zeros.
	 */
	private record Decimal(String digits, int exponent) {

		/**
		 * Parses Java's {@code Double.toString} layout ({@code 123.45}, {@code 1.0E-7}).
		 */
		static Decimal parse(String text) {
			int e = text.indexOf('E');
			String mantissa = (e < 0) ? text : text.substring(0, e);
			int exponent = (e < 0) ? 0 : Integer.parseInt(text.substring(e + 1));
			int dot = mantissa.indexOf('.');
			String digits = (dot < 0) ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
			exponent += (dot < 0) ? mantissa.length() : dot;
			int start = 0;
			while (start < digits.length() - 1 && digits.charAt(start) == '0') {
				start++;
				exponent--;
			}
			int end = digits.length();
			while (end > start + 1 && digits.charAt(end - 1) == '0') {
				end--;
			}
			return new Decimal(digits.substring(start, end), exponent);
		}

		Decimal[] oneDigitNeighbours() {
			int first = this.digits.charAt(0) - '0';
			Decimal down = new Decimal(Integer.toString(first), this.exponent);
			Decimal up = (first == 9) ? new Decimal("1", this.exponent + 1)
					: new Decimal(Integer.toString(first + 1), this.exponent);
			return new Decimal[] { down, up };
		}

		String toJavaLiteral() {
			return "0." + this.digits + "E" + this.exponent;
		}

		BigDecimal toBigDecimal() {
			return new BigDecimal(toJavaLiteral());
		}

		String render(boolean negative) {
			String d = this.digits;
			int k = d.length();
			int n = this.exponent;
			StringBuilder out = new StringBuilder(k + 8);
			if (negative) {
				out.append('-');
			}
			if (k <= n && n <= 21) {
				out.append(d);
				out.append("0".repeat(n - k));
			}
			else if (0 < n && n <= 21) {
				out.append(d, 0, n).append('.').append(d, n, k);
			}
			else if (-6 < n && n <= 0) {
				out.append("0.");
				out.append("0".repeat(-n));
				out.append(d);
			}
			else {
				int e = n - 1;
				out.append(d.charAt(0));
				if (k > 1) {
					out.append('.').append(d, 1, k);
				}
				out.append('e').append((e >= 0) ? '+' : '-').append(Math.abs(e));
			}
			return out.toString();
		}

	}

}
