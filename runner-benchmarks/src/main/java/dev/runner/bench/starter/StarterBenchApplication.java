package dev.runner.bench.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The starter server of the load benchmark: the benchmark's tasks and events as annotated beans
 * ({@link BenchTasks}), served by the runner starter's auto-configuration.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class StarterBenchApplication {

}
