package dev.runner.spring.hostile;

/**
 * The one-line figures the robustness tests print, each starting with {@code [robustness] <name>}, so that a build log
 * can be grepped to refresh the table in {@code docs/robustness.md}.
 */
final class Robustness {

	private Robustness() {
	}

	/**
	 * Prints one figures line.
	 * @param name what was measured, for example {@code fuzz.serializer}
	 * @param figures {@code key=value} pairs separated by spaces
	 */
	static void print(String name, String figures) {
		System.out.println("[robustness] " + name + " " + figures);
	}

}
