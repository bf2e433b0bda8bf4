package dev.runner.fixtureclient;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.clienttest.ClientFixtureTasks;
import dev.runner.spring.client.RemoteEvent;
import dev.runner.spring.client.RemoteTask;
import dev.runner.spring.client.RunnerServiceClient;

/**
 * A declared client of the fixture's tasks and event, one method per return shape. Outside the fixture application's
 * packages, so that only {@code @ImportRunnerClients} makes it a bean.
 */
@RunnerServiceClient(name = "fixture")
public interface FixtureClient {

	@RemoteTask("fixture.add")
	Mono<Integer> add(ClientFixtureTasks.Numbers input);

	@RemoteTask("fixture.add")
	int addNow(ClientFixtureTasks.Numbers input);

	@RemoteTask("fixture.echo")
	Flux<ClientFixtureTasks.Numbers> each(List<ClientFixtureTasks.Numbers> input);

	@RemoteTask("fixture.echo")
	Mono<List<ClientFixtureTasks.Numbers>> all(List<ClientFixtureTasks.Numbers> input);

	@RemoteTask("fixture.download")
	Flux<DataBuffer> download(ClientFixtureTasks.Size input);

	@RemoteTask("fixture.nothing")
	Mono<Void> nothing();

	@RemoteTask("fixture.headers")
	Mono<Map<String, Object>> headers();

	@RemoteTask("fixture.traceId")
	Mono<String> traceId();

	@RemoteTask("fixture.conflict")
	void conflictNow(ClientFixtureTasks.Reason input);

	@RemoteEvent("fixture.noted")
	Mono<Void> noted(Map<String, Object> payload);

	@RemoteEvent("fixture.noted")
	Mono<Map<String, Object>> notedAndSeen(Map<String, Object> payload);

	@RemoteEvent("fixture.noted")
	void notedNow(Map<String, Object> payload);

	default Mono<Integer> addTwice(int a, int b) {
		return add(new ClientFixtureTasks.Numbers(a, b)).flatMap((sum) -> add(new ClientFixtureTasks.Numbers(sum, sum)));
	}

}
