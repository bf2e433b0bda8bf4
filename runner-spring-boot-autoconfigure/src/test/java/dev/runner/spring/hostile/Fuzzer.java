package dev.runner.spring.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A small seeded fuzzing harness: runs a check over generated inputs, fails on any exception the check does not
 * expect and on any input slower than a bound, and prints one {@code [robustness]} line with its figures.
 * <p>
 * Repeatable: input {@code i} of a target is generated from {@code new Random(seed * 31 + i)}, so a failure names the
 * seed and index that reproduce it alone. Sized by system properties (Maven passes {@code -D} user properties to the
 * test JVM): {@code runner.fuzz.inputs} (100,000 per target by default), {@code runner.fuzz.seed},
 * {@code runner.fuzz.max-input-time} (a {@link Duration}, {@code PT2S} by default: generous because the machine may
 * be shared; the slowest input is printed).
 */
final class Fuzzer {

	static final long INPUTS = Long.getLong("runner.fuzz.inputs", 100_000);

	static final long SEED = Long.getLong("runner.fuzz.seed", 20_250_601L);

	static final Duration MAX_INPUT_TIME = Duration.parse(System.getProperty("runner.fuzz.max-input-time", "PT2S"));

	private Fuzzer() {
	}

	/**
	 * Runs a target.
	 * @param target the name printed and reported
	 * @param generator makes the input from its random source
	 * @param check runs one input and names its outcome (for the figures: {@code accepted}, {@code rejected}...); it
	 * throws to report a failure
	 * @return the figures
	 */
	static <T> Figures run(String target, Function<Random, T> generator, Check<T> check) {
		Figures figures = new Figures(target);
		List<String> failures = new ArrayList<>();
		long started = System.nanoTime();
		for (long i = 0; i < INPUTS; i++) {
			T input = generator.apply(new Random(SEED * 31 + i));
			long start = System.nanoTime();
			String outcome;
			try {
				outcome = check.run(input);
			}
			catch (Throwable ex) {
				outcome = "failed";
				if (failures.size() < 5) {
					failures.add("input #" + i + " (seed " + SEED + "): " + describe(input) + "\n  -> " + ex);
				}
			}
			long nanos = System.nanoTime() - start;
			if (nanos > figures.slowestNanos) {
				figures.slowestNanos = nanos;
				figures.slowest = describe(input);
			}
			figures.outcomes.merge(outcome, 1L, Long::sum);
			figures.inputs++;
		}
		figures.elapsed = Duration.ofNanos(System.nanoTime() - started);
		Robustness.print("fuzz." + target, figures.line());
		if (!failures.isEmpty()) {
			throw new AssertionError(target + ": " + figures.outcomes.getOrDefault("failed", 0L) + " of "
					+ figures.inputs + " inputs failed; first ones:\n" + String.join("\n", failures));
		}
		if (figures.slowestNanos > MAX_INPUT_TIME.toNanos()) {
			throw new AssertionError(target + ": an input took " + figures.slowestNanos / 1_000_000 + " ms (bound "
					+ MAX_INPUT_TIME.toMillis() + " ms): " + figures.slowest);
		}
		return figures;
	}

	static String describe(Object input) {
		String text;
		if (input instanceof byte[] bytes) {
			String utf8 = new String(bytes, StandardCharsets.UTF_8);
			text = (bytes.length <= 300) ? utf8 + " [hex " + HexFormat.of().formatHex(bytes) + "]"
					: utf8.substring(0, Math.min(utf8.length(), 300)) + "… (" + bytes.length + " bytes)";
		}
		else {
			text = String.valueOf(input);
			if (text.length() > 300) {
				text = text.substring(0, 300) + "… (" + text.length() + " chars)";
			}
		}
		StringBuilder printable = new StringBuilder(text.length());
		text.chars().forEach((c) -> printable.append((c < 0x20 || c == 0x7f || Character.isSurrogate((char) c))
				? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return printable.toString();
	}

	@FunctionalInterface
	interface Check<T> {

		String run(T input) throws Exception;

	}

	/**
	 * What a run found: inputs tried, outcomes by name, the slowest input.
	 */
	static final class Figures {

		final String target;

		final Map<String, Long> outcomes = new TreeMap<>();

		long inputs;

		long slowestNanos;

		String slowest = "";

		Duration elapsed = Duration.ZERO;

		Figures(String target) {
			this.target = target;
		}

		long count(String outcome) {
			return this.outcomes.getOrDefault(outcome, 0L);
		}

		String line() {
			StringBuilder line = new StringBuilder("inputs=").append(this.inputs);
			line.append(" failures=").append(count("failed"));
			this.outcomes.forEach((name, count) -> {
				if (!name.equals("failed")) {
					line.append(' ').append(name).append('=').append(count);
				}
			});
			line.append(" slowest-ms=").append(this.slowestNanos / 1_000_000);
			line.append(" seconds=").append(this.elapsed.toMillis() / 1000.0);
			line.append(" seed=").append(SEED);
			return line.toString();
		}

	}

}
