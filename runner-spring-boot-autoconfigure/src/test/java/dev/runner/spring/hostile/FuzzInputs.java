package dev.runner.spring.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Generates hostile runner JSON documents: two thirds from a grammar of the value format (type records of every
 * builtin and unknown ids, escaped and unsafe keys, graph envelopes with good, bad and shared references, deep
 * nesting up to 12,000 levels, extreme numbers and odd strings), then often mutated byte by byte (flips, cuts, splices of structural
 * tokens, duplicated slices); the rest random bytes, invalid UTF-8 included.
 */
final class FuzzInputs {

	private static final String[] TYPES = { "Date", "RegExp", "Map", "Set", "Undefined", "NonFiniteNumber", "BigInt",
			"Symbol", "Error", "URL", "URLSearchParams", "ArrayBuffer", "DataView", "Buffer", "Int8Array",
			"Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
			"Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Nope", "", "__proto__", "Object" };

	private static final String[] KEYS = { "a", "input", "payload", "returnPayload", "__type", "value", "__graph",
			"__ref", "$runner.escape::__type", "$runner.escape::$runner.escape::a", "__proto__", "constructor",
			"prototype", "kind", "nodes", "root", "version", "pattern", "flags", "name", "message", "customFields",
			"stack", "key", "", "é", "\\u0000", "\\ud800", "toString" };

	private static final String[] TOKENS = { "{", "}", "[", "]", ",", ":", "\"", "\\", "\"__type\":", "\"__ref\":",
			"\"__graph\":true,", "\"value\":", "null", "true", "-", "1e999", "0x", "\\u", "\u00e9", "\ud83d\ude00",
			"{\"__ref\":\"obj_1\"}", "\"kind\":\"array\"", "9".repeat(40) };

	private static final String[] NUMBERS = { "0", "-0", "1", "-1", "9007199254740993", "1e308", "1e309", "-1e309",
			"4.9e-324", "1e-400", "123456789012345678901234567890", "0.1", "1E+2", "1.7976931348623157e308",
			"-9223372036854775809" };

	private static final String[] STRINGS = { "", "x", "1970-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z",
			"garbage", "Infinity", "-Infinity", "NaN", "nan", " +7 ", "1.5", "(a+)+", "^(a|aa)+$", "(|a)*", "[", "(",
			"gimsuyd", "gg", "http://x.test/a?b=1#c", "not a url", "a=1&b=2&a=3", "%zz", "Symbol.iterator", "nope",
			"\\u0000", "\\ud800", "\\udfff\\ud800", "\u2028", "$runner.escape::", "obj_1", "__proto__" };

	private FuzzInputs() {
	}

	/** One input: a runner-flavoured JSON document, possibly mutated, or random bytes. */
	static byte[] document(Random random) {
		int mode = random.nextInt(12);
		if (mode < 1) {
			return randomBytes(random);
		}
		byte[] json = json(random).getBytes(StandardCharsets.UTF_8);
		return (mode < 6) ? json : mutate(random, json);
	}

	/** A runner-flavoured JSON document, unmutated. */
	static String json(Random random) {
		StringBuilder out = new StringBuilder(128);
		int shape = random.nextInt(20);
		if (shape == 0) {
			deep(random, out);
		}
		else if (shape < 4) {
			graph(random, out);
		}
		else {
			value(random, out, 0);
		}
		return out.toString();
	}

	private static void value(Random random, StringBuilder out, int depth) {
		int pick = (depth > 6) ? random.nextInt(4) : random.nextInt(10);
		switch (pick) {
			case 0 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
			case 1 -> string(random, out);
			case 2 -> out.append(random.nextBoolean() ? "null" : random.nextBoolean() ? "true" : "false");
			case 3 -> out.append(random.nextInt(2_000_000) - 1_000_000);
			case 4, 5 -> typeRecord(random, out, depth);
			case 6 -> array(random, out, depth);
			default -> object(random, out, depth);
		}
	}

	private static void string(Random random, StringBuilder out) {
		out.append('"');
		if (random.nextInt(3) == 0) {
			int length = random.nextInt(12);
			for (int i = 0; i < length; i++) {
				char c = (char) random.nextInt(random.nextBoolean() ? 128 : 0x10000);
				if (c == '"' || c == '\\' || c < 0x20) {
					out.append(String.format("\\u%04x", (int) c));
				}
				else {
					out.append(c);
				}
			}
		}
		else {
			out.append(STRINGS[random.nextInt(STRINGS.length)]);
		}
		out.append('"');
	}

	private static void typeRecord(Random random, StringBuilder out, int depth) {
		String type = TYPES[random.nextInt(TYPES.length)];
		out.append("{\"__type\":\"").append(type).append("\",\"value\":");
		switch (type) {
			case "RegExp" -> {
				out.append("{\"pattern\":");
				string(random, out);
				out.append(",\"flags\":");
				string(random, out);
				out.append('}');
			}
			case "Error" -> {
				out.append("{\"name\":");
				string(random, out);
				out.append(",\"message\":");
				string(random, out);
				if (random.nextBoolean()) {
					out.append(",\"customFields\":");
					object(random, out, depth + 1);
				}
				out.append('}');
			}
			case "Symbol" -> out.append("{\"kind\":\"").append(random.nextBoolean() ? "For" : "WellKnown")
				.append("\",\"key\":\"").append(random.nextBoolean() ? "iterator" : "x").append("\"}");
			case "Map" -> {
				out.append('[');
				int entries = random.nextInt(4);
				for (int i = 0; i < entries; i++) {
					out.append((i > 0) ? ",[" : "[");
					value(random, out, depth + 2);
					out.append(',');
					value(random, out, depth + 2);
					out.append(']');
				}
				out.append(']');
			}
			case "BigInt" -> {
				if (random.nextInt(8) == 0) {
					out.append('"').append("7".repeat(random.nextInt(3000))).append('"');
				}
				else {
					value(random, out, depth + 1);
				}
			}
			case "Uint8Array", "Int16Array", "Float64Array", "BigInt64Array", "Buffer" -> {
				out.append('[');
				int length = random.nextInt(17);
				for (int i = 0; i < length; i++) {
					out.append((i > 0) ? "," : "").append(random.nextInt(300) - 20);
				}
				out.append(']');
			}
			default -> value(random, out, depth + 1);
		}
		if (random.nextInt(10) == 0) {
			out.append(",\"extra\":1");
		}
		out.append('}');
	}

	private static void array(Random random, StringBuilder out, int depth) {
		out.append('[');
		int length = random.nextInt(5);
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				out.append(',');
			}
			value(random, out, depth + 1);
		}
		out.append(']');
	}

	private static void object(Random random, StringBuilder out, int depth) {
		out.append('{');
		int length = random.nextInt(5);
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
			value(random, out, depth + 1);
		}
		out.append('}');
	}

	/** Nested arrays, objects or type records around a scalar, near and far beyond the depth limit. */
	private static void deep(Random random, StringBuilder out) {
		int pick = random.nextInt(10);
		int depth = (pick < 4) ? 995 + random.nextInt(10) : (pick < 7) ? random.nextInt(1200)
				: (pick < 9) ? 1990 + random.nextInt(20) : 2_000 + random.nextInt(10_000);
		String[] open = { "[", "{\"a\":", "{\"__type\":\"Set\",\"value\":[", "{\"input\":" };
		String[] close = { "]", "}", "]}", "}" };
		int kind = random.nextInt(open.length);
		out.append(open[kind].repeat(depth)).append('0');
		if (random.nextInt(4) != 0) {
			out.append(close[kind].repeat(depth));
		}
	}

	/** A graph envelope: nodes that reference each other (cycles and diamonds), broken references, odd kinds. */
	private static void graph(Random random, StringBuilder out) {
		int count = 1 + random.nextInt(random.nextInt(8) == 0 ? 80 : 6);
		out.append("{\"__graph\":true,\"version\":1,\"root\":");
		ref(random, out, count);
		out.append(",\"nodes\":{");
		for (int i = 1; i <= count; i++) {
			if (i > 1) {
				out.append(',');
			}
			out.append("\"obj_").append(i).append("\":");
			int kind = random.nextInt(12);
			if (kind < 4) {
				out.append("{\"kind\":\"array\",\"value\":[");
				int refs = 1 + random.nextInt(3);
				for (int r = 0; r < refs; r++) {
					out.append((r > 0) ? "," : "");
					graphValue(random, out, i, count);
				}
				out.append("]}");
			}
			else if (kind < 8) {
				out.append("{\"kind\":\"object\",\"value\":{");
				int refs = random.nextInt(3);
				for (int r = 0; r < refs; r++) {
					out.append((r > 0) ? "," : "").append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
					graphValue(random, out, i, count);
				}
				out.append("}}");
			}
			else if (kind < 11) {
				String type = random.nextBoolean() ? "Map" : random.nextBoolean() ? "Set" : "Error";
				out.append("{\"kind\":\"type\",\"type\":\"").append(type).append("\",\"value\":");
				if (type.equals("Map")) {
					out.append("[[");
					graphValue(random, out, i, count);
					out.append(',');
					graphValue(random, out, i, count);
					out.append("]]}");
				}
				else if (type.equals("Set")) {
					out.append('[');
					graphValue(random, out, i, count);
					out.append("]}");
				}
				else {
					out.append("{\"name\":\"E\",\"message\":\"m\",\"customFields\":{\"c\":");
					graphValue(random, out, i, count);
					out.append("}}}");
				}
			}
			else {
				out.append("{\"kind\":\"").append(random.nextBoolean() ? "weird" : "array")
					.append("\",\"value\":{}}");
			}
		}
		out.append("}}");
	}

	private static void graphValue(Random random, StringBuilder out, int node, int count) {
		if (random.nextInt(3) == 0) {
			value(random, out, 5);
		}
		else {
			ref(random, out, count);
		}
	}

	private static void ref(Random random, StringBuilder out, int count) {
		int pick = random.nextInt(40);
		if (pick == 0) {
			out.append("{\"__ref\":\"nope\"}");
		}
		else if (pick == 1) {
			out.append("{\"__ref\":\"__proto__\"}");
		}
		else if (pick == 2) {
			out.append("{\"__ref\":\"obj_1\",\"x\":1}");
		}
		else {
			out.append("{\"__ref\":\"obj_").append(1 + random.nextInt(count)).append("\"}");
		}
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(64)];
		random.nextBytes(bytes);
		if (random.nextBoolean() && bytes.length > 0) {
			bytes[0] = (byte) "{[\"-0123456789tnf".charAt(random.nextInt(17));
		}
		return bytes;
	}

	private static byte[] mutate(Random random, byte[] json) {
		byte[] bytes = json;
		int mutations = 1 + random.nextInt(4);
		for (int m = 0; m < mutations && bytes.length > 0; m++) {
			int at = random.nextInt(bytes.length);
			switch (random.nextInt(7)) {
				case 0 -> bytes[at] = (byte) random.nextInt(256);
				case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
				case 2 -> bytes = Arrays.copyOf(bytes, at);
				case 3 -> bytes = splice(bytes, at, at + Math.min(bytes.length - at, 1 + random.nextInt(8)), new byte[0]);
				case 4 -> bytes = splice(bytes, at, at,
						TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
				case 5 -> {
					int end = Math.min(bytes.length, at + 1 + random.nextInt(40));
					bytes = splice(bytes, at, at, Arrays.copyOfRange(bytes, at, end));
				}
				default -> bytes = splice(bytes, at, at, new byte[] { (byte) (0x80 + random.nextInt(0x80)) });
			}
		}
		return bytes;
	}

	private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
		byte[] result = new byte[bytes.length - (to - from) + insert.length];
		System.arraycopy(bytes, 0, result, 0, from);
		System.arraycopy(insert, 0, result, from, insert.length);
		System.arraycopy(bytes, to, result, from + insert.length, bytes.length - to);
		return result;
	}

}
