package dev.runner.bench.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.runner.bench.BenchHeap;

/**
 * The starter server of the benchmarks: the benchmark's tasks and events as annotated beans ({@link BenchTasks}),
 * served by the runner starter's auto-configuration over HTTP and over its socket ({@code /__runner/ws}), plus the
 * heap probe ({@link BenchHeap}).
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class StarterBenchApplication {

	@Bean
	RouterFunction<ServerResponse> benchHeapRoute() {
		return BenchHeap.route();
	}

}
