package dev.runner.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The data every benchmark server serves, built the same way in Java and in {@code src/node/server.cjs}: the token,
 * the {@code add} input and the ~24 KB document of the {@code hi} workload (200 records).
 *
 * @since 0.1.0
 */
public final class BenchData {

	/** The token every server accepts in {@code x-runner-token}. */
	public static final String TOKEN = "bench-token";

	/** The tunnel's base path. */
	public static final String BASE_PATH = "/__runner";

	/** The records of the {@code hi} document, built once. */
	public static final List<Item> ITEMS = items(200);

	private BenchData() {
	}

	private static List<Item> items(int count) {
		List<Item> items = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String n = String.format("%03d", i);
			items.add(new Item(i % 3 == 0, "user" + n + "@bench.test", i, "item-" + n, "row " + n, i + 0.25,
					List.of("alpha", "beta")));
		}
		return List.copyOf(items);
	}

	/**
	 * One record of the {@code hi} document; components in alphabetical order so that every JSON writer (Jackson's
	 * default order, the runner serializer, JavaScript) produces the same bytes.
	 *
	 * @param active whether the record is active
	 * @param email an email address
	 * @param id the index
	 * @param name a name
	 * @param note a note
	 * @param score a score that is never an integer (so no writer has to choose between {@code 1} and {@code 1.0})
	 * @param tags two tags
	 */
	public record Item(boolean active, String email, long id, String name, String note, double score,
			List<String> tags) {
	}

	/**
	 * The input of {@code add}, {@code addPlain} and {@code block}.
	 *
	 * @param a the first number
	 * @param b the second number
	 */
	public record AddInput(int a, int b) {
	}

	/**
	 * The payload of the {@code ping} events.
	 *
	 * @param n a number the listener adds to its counter
	 */
	public record Ping(int n) {
	}

}
