package dev.runner.bench.starter;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.runner.bench.BenchData;
import dev.runner.bench.BenchData.AddInput;
import dev.runner.bench.BenchData.Item;
import dev.runner.bench.BenchData.Ping;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerTask;

/**
 * The benchmark's tasks and events, written the way an application would. {@code add}, {@code hi} and the
 * {@code bench.ping} listener return reactive types, so they run on the event loop like the bare WebFlux routes;
 * {@code addPlain}, {@code block} and the {@code bench.pingPlain} listener are plain methods, which the starter runs
 * on its blocking scheduler.
 *
 * @since 0.1.0
 */
@Component
public class BenchTasks {

	private final LongAdder pings = new LongAdder();

	/**
	 * Adds two numbers on the event loop.
	 * @param input the numbers
	 * @return their sum
	 */
	@RunnerTask("bench.add")
	public Mono<Integer> add(AddInput input) {
		return Mono.just(input.a() + input.b());
	}

	/**
	 * Adds two numbers, as a plain (blocking-style) method.
	 * @param input the numbers
	 * @return their sum
	 */
	@RunnerTask("bench.addPlain")
	public int addPlain(AddInput input) {
		return input.a() + input.b();
	}

	/**
	 * Returns the ~24 KB document.
	 * @return the records
	 */
	@RunnerTask("bench.hi")
	public Mono<List<Item>> hi() {
		return Mono.just(BenchData.ITEMS);
	}

	/**
	 * Sleeps 1 ms (a blocking call), then adds two numbers.
	 * @param input the numbers
	 * @return their sum
	 * @throws InterruptedException if interrupted
	 */
	@RunnerTask("bench.block")
	public int block(AddInput input) throws InterruptedException {
		Thread.sleep(1);
		return input.a() + input.b();
	}

	/**
	 * The one listener of {@code bench.ping}, on the event loop.
	 * @param ping the payload
	 * @return completes at once
	 */
	@RunnerEvent("bench.ping")
	public Mono<Void> onPing(Ping ping) {
		this.pings.add(ping.n());
		return Mono.empty();
	}

	/**
	 * The one listener of {@code bench.pingPlain}, a plain method.
	 * @param ping the payload
	 */
	@RunnerEvent("bench.pingPlain")
	public void onPingPlain(Ping ping) {
		this.pings.add(ping.n());
	}

}
