package dev.runner.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} pinned to the load CPUs and reads its report.
 *
 * @since 0.1.0
 */
final class Wrk {

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$",
			Pattern.MULTILINE);

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private Wrk() {
	}

	/**
	 * One wrk run.
	 * @param rps requests per second
	 * @param p50Ms median latency in milliseconds
	 * @param p99Ms 99th percentile latency in milliseconds
	 * @param requests requests completed
	 * @param errors non-2xx responses plus socket errors
	 */
	record Result(double rps, double p50Ms, double p99Ms, long requests, long errors) {
	}

	static Result run(Options options, String url, Path script, int seconds, Path output) throws Exception {
		List<String> command = List.of("taskset", "-c", options.loadCpu, "wrk", "-t" + options.wrkThreads,
				"-c" + options.connections, "-d" + seconds + "s", "--timeout", "5s", "--latency", "-s",
				script.toString(), url);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] bytes = process.getInputStream().readAllBytes();
		if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("wrk did not finish: " + command);
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		Files.writeString(output, String.join(" ", command) + "\n" + text);
		if (process.exitValue() != 0) {
			throw new IllegalStateException("wrk failed (" + process.exitValue() + "): " + text);
		}
		return parse(text);
	}

	static Result parse(String text) {
		Matcher rps = RPS.matcher(text);
		if (!rps.find()) {
			throw new IllegalStateException("no Requests/sec in wrk output:\n" + text);
		}
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = PERCENTILE.matcher(text);
		while (percentile.find()) {
			double ms = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
			if (percentile.group(1).equals("50")) {
				p50 = ms;
			}
			else {
				p99 = ms;
			}
		}
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(text);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(text);
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socket.group(i));
			}
		}
		Matcher requests = REQUESTS.matcher(text);
		long count = requests.find() ? Long.parseLong(requests.group(1)) : -1;
		return new Result(Double.parseDouble(rps.group(1)), p50, p99, count, errors);
	}

	private static double toMillis(double value, String unit) {
		return switch (unit.toLowerCase(Locale.ROOT)) {
			case "us" -> value / 1000;
			case "ms" -> value;
			case "s" -> value * 1000;
			default -> value * 60_000;
		};
	}

	static String version() {
		try {
			Process process = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
			String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(5, TimeUnit.SECONDS);
			return text.lines().findFirst().orElse("?").trim();
		}
		catch (IOException | InterruptedException ex) {
			return "not found";
		}
	}

}
