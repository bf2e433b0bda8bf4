package dev.runner.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The heap probe of both Java servers, {@code GET /bench/heap}: runs a full collection twice (with the benchmark's
 * Serial GC, a stop-the-world compaction of the whole heap) and answers {@code {"heapUsed":<bytes>}}, the heap still in
 * use. The socket benchmark reads it with many idle sockets open to compute the heap per socket; the Node socket
 * server answers the same path.
 *
 * @since 0.1.0
 */
public final class BenchHeap {

	/** The probe's path. */
	public static final String PATH = "/bench/heap";

	private BenchHeap() {
	}

	/**
	 * The probe's route; both benchmark applications declare it as a bean.
	 * @return the route
	 */
	public static RouterFunction<ServerResponse> route() {
		return RouterFunctions.route()
			.GET(PATH, (request) -> ServerResponse.ok().bodyValue(Map.of("heapUsed", heapUsedAfterCollection())))
			.build();
	}

	private static long heapUsedAfterCollection() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
