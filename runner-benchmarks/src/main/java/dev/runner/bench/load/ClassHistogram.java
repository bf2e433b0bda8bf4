package dev.runner.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a Java server by class ({@code jcmd PID GC.class_histogram}, which collects first), to say what
 * a socket costs: the growth between two socket counts, per socket, by class.
 *
 * @param bytes shallow bytes of the live instances, by class name
 * @param instances live instances, by class name
 * @since 0.1.0
 */
record ClassHistogram(Map<String, Long> bytes, Map<String, Long> instances) {

	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	/**
	 * Takes a histogram of a server and keeps its text.
	 * @param options where {@code jcmd} is (next to the servers' {@code java})
	 * @param server the server
	 * @param file where the text goes
	 * @return the histogram
	 */
	static ClassHistogram of(Options options, ServerProcess server, Path file) throws Exception {
		Path jcmd = Path.of(options.java()).resolveSibling("jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		Files.writeString(file, text);
		return parse(text);
	}

	static ClassHistogram parse(String text) {
		Map<String, Long> bytes = new HashMap<>();
		Map<String, Long> instances = new HashMap<>();
		for (String line : text.lines().toList()) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				instances.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
				bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
			}
		}
		return new ClassHistogram(bytes, instances);
	}

	/**
	 * The classes that grew most from {@code low} to this one, per socket added.
	 * @param low the histogram at fewer sockets
	 * @param sockets the sockets added between the two
	 * @param top how many classes
	 * @return rows of class name, bytes per socket, instances per socket; largest first
	 */
	List<Growth> growthSince(ClassHistogram low, int sockets, int top) {
		List<Growth> growth = new ArrayList<>();
		this.bytes.forEach((name, size) -> {
			long added = size - low.bytes.getOrDefault(name, 0L);
			long count = this.instances.getOrDefault(name, 0L) - low.instances.getOrDefault(name, 0L);
			growth.add(new Growth(name, added / (double) sockets, count / (double) sockets));
		});
		growth.sort(Comparator.comparingDouble(Growth::bytesPerSocket).reversed());
		return growth.subList(0, Math.min(top, growth.size()));
	}

	/**
	 * One class's growth.
	 * @param className the class
	 * @param bytesPerSocket shallow bytes per socket
	 * @param instancesPerSocket instances per socket
	 */
	record Growth(String className, double bytesPerSocket, double instancesPerSocket) {
	}

}
