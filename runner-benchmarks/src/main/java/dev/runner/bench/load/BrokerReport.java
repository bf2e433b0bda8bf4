package dev.runner.bench.load;

import java.util.List;
import java.util.Locale;

import static dev.runner.bench.load.SocketReport.max;
import static dev.runner.bench.load.SocketReport.median;
import static dev.runner.bench.load.SocketReport.min;

/**
 * The Markdown tables of the broker suite: medians over the rounds per subscriber count and placement, the ratios
 * against the goal, what the broker adds per publication and per message, and every round's numbers.
 *
 * @since 0.1.0
 */
final class BrokerReport {

	private BrokerReport() {
	}

	/**
	 * Where the fan-out's publisher and subscribers are.
	 */
	enum Placement {

		/** Publisher and subscribers on instance {@code one}, which has no broker. */
		ONE("one", "one instance, no broker"),

		/** Publisher and subscribers on instance {@code a}, broker on: each publication also goes to Redis. */
		SAME("same", "one instance of two, broker on"),

		/** Publisher on instance {@code b}, subscribers on {@code a}: each publication crosses Redis. */
		ACROSS("across", "publisher on b, subscribers on a");

		private final String id;

		private final String description;

		Placement(String id, String description) {
			this.id = id;
			this.description = description;
		}

		String id() {
			return this.id;
		}

		/** Whether the subscribers' instance holds the channel at Redis. */
		boolean brokered() {
			return this != ONE;
		}

	}

	/**
	 * One measurement.
	 * @param round the round
	 * @param placement where publisher and subscribers were
	 * @param sockets subscribers
	 * @param messagesPerSecond messages received per second, all subscribers together
	 * @param publicationsPerSecond publications received by every subscriber per second
	 * @param p50Ms median publish-to-receive latency, ms
	 * @param p99Ms 99th percentile, ms
	 * @param subscribersCpu CPU of the subscribers' instance per publication, net of its idle CPU, microseconds
	 * @param publisherCpu the same of the publisher's instance when it is another one, else 0
	 * @param redisCpu the same of Redis
	 * @param harnessCpu the client's CPU use in percent of one CPU
	 * @param lost publications given up plus wrong messages
	 */
	record Fan(int round, Placement placement, int sockets, double messagesPerSecond, double publicationsPerSecond,
			double p50Ms, double p99Ms, double subscribersCpu, double publisherCpu, double redisCpu, double harnessCpu,
			long lost) {

		/** CPU of every process per publication, microseconds. */
		double totalCpu() {
			return this.subscribersCpu + this.publisherCpu + this.redisCpu;
		}

	}

	static String summary(Options options, List<Fan> fans, String idleCpu) {
		StringBuilder out = new StringBuilder();
		out.append("## Fan-out through the Redis broker: one publisher, at most one publication per ms and ")
			.append(options.window)
			.append(" not yet everywhere, medians over ")
			.append(options.rounds)
			.append(" rounds\n\n");
		out.append("Placements: ");
		for (Placement placement : Placement.values()) {
			out.append('`').append(placement.id).append("` ").append(placement.description)
				.append((placement.ordinal() < Placement.values().length - 1) ? "; " : ".\n\n");
		}
		out.append("CPU figures are net of what each process used while nothing was published (").append(idleCpu)
			.append(" of one CPU), divided by the publications (messages received / subscribers) or the messages.\n\n");
		out.append("| subscribers | placement | messages/s (min-max) | publications/s | p50 ms | p99 ms "
				+ "| CPU us/message, all processes | CPU us/publication: subscribers' instance | publisher's instance "
				+ "| Redis | client CPU % | lost |\n");
		out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (int size : options.sockets) {
			for (Placement placement : Placement.values()) {
				List<Fan> rows = fans(fans, placement, size);
				if (rows.isEmpty()) {
					continue;
				}
				out.append(String.format(Locale.ROOT,
						"| %d | %s | %.0f (%.0f-%.0f) | %.0f | %.2f | %.2f | %.2f | %.1f | %s | %.1f | %.0f | %d |\n", size,
						placement.id, median(rows, Fan::messagesPerSecond), min(rows, Fan::messagesPerSecond),
						max(rows, Fan::messagesPerSecond), median(rows, Fan::publicationsPerSecond),
						median(rows, Fan::p50Ms), median(rows, Fan::p99Ms), median(rows, Fan::totalCpu) / size,
						median(rows, Fan::subscribersCpu), (placement == Placement.ACROSS)
								? String.format(Locale.ROOT, "%.1f", median(rows, Fan::publisherCpu)) : "(same)",
						median(rows, Fan::redisCpu), median(rows, Fan::harnessCpu),
						rows.stream().mapToLong(Fan::lost).sum()));
			}
		}
		out.append("\n| subscribers | across/one messages/s | across/same messages/s | across - one p50, p99 ms "
				+ "| CPU the broker adds per publication: all, Redis, instances (us) | per message (us) "
				+ "| one's spread over the rounds, us/publication |\n"
				+ "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (int size : options.sockets) {
			List<Fan> one = fans(fans, Placement.ONE, size);
			List<Fan> same = fans(fans, Placement.SAME, size);
			List<Fan> across = fans(fans, Placement.ACROSS, size);
			if (one.isEmpty() || across.isEmpty()) {
				continue;
			}
			double added = median(across, Fan::totalCpu) - median(one, Fan::totalCpu);
			double redis = median(across, Fan::redisCpu) - median(one, Fan::redisCpu);
			out.append(String.format(Locale.ROOT, "| %d | %.2fx (>= 0.5) | %s | %+.2f, %+.2f | %.1f, %.1f, %.1f | %.3f | %.0f |\n",
					size, median(across, Fan::messagesPerSecond) / median(one, Fan::messagesPerSecond),
					same.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2fx",
							median(across, Fan::messagesPerSecond) / median(same, Fan::messagesPerSecond)),
					median(across, Fan::p50Ms) - median(one, Fan::p50Ms),
					median(across, Fan::p99Ms) - median(one, Fan::p99Ms), added, redis, added - redis,
					added / size, max(one, Fan::totalCpu) - min(one, Fan::totalCpu)));
		}
		out.append('\n');
		return out.toString();
	}

	static String rounds(List<Fan> fans) {
		StringBuilder out = new StringBuilder("## Every measurement\n\n");
		out.append("| round | placement | subscribers | messages/s | publications/s | p50 ms | p99 ms "
				+ "| CPU us/publication: subscribers' instance | publisher's instance | Redis | client CPU % | lost |\n");
		out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Fan fan : fans) {
			out.append(String.format(Locale.ROOT, "| %d | %s | %d | %.0f | %.0f | %.2f | %.2f | %.1f | %.1f | %.1f | %.0f | %d |\n",
					fan.round(), fan.placement().id, fan.sockets(), fan.messagesPerSecond(), fan.publicationsPerSecond(),
					fan.p50Ms(), fan.p99Ms(), fan.subscribersCpu(), fan.publisherCpu(), fan.redisCpu(), fan.harnessCpu(),
					fan.lost()));
		}
		return out.toString();
	}

	private static List<Fan> fans(List<Fan> fans, Placement placement, int size) {
		return fans.stream().filter((f) -> f.placement() == placement && f.sockets() == size).toList();
	}

}
