package dev.runner.spring.web;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.RunnerSerializer;

import static org.assertj.core.api.Assertions.assertThat;

class TunnelResponsesTests {

	private final TunnelResponses responses = new TunnelResponses(new RunnerSerializer(JsonMapper.builder().build()));

	private final TrackingBufferFactory buffers = new TrackingBufferFactory();

	private final MockServerWebExchange exchange = MockServerWebExchange.builder(
			MockServerHttpRequest.post("/__runner/task/app.tasks.add"))
		.build();

	private final MockServerHttpResponse response = new MockServerHttpResponse(this.buffers);

	@Test
	void writesTheResultBodyWithItsLength() {
		this.responses.result(exchange(), "app.tasks.add", 3).block();

		assertThat(this.response.getBodyAsString().block()).isEqualTo("{\"ok\":true,\"result\":3}");
		assertThat(this.response.getHeaders().getContentLength()).isEqualTo(22);
	}

	@Test
	void failsAResultForAResponseCommittedMeanwhileWithoutLeavingABuffer() {
		this.response.setComplete().block();

		String outcome = this.responses.result(exchange(), "app.tasks.add", "late")
			.then(Mono.just("written"))
			.onErrorResume(IllegalStateException.class, (ex) -> Mono.just("refused"))
			.block();

		assertThat(outcome).isEqualTo("refused");
		assertThat(this.buffers.allocated).allSatisfy((buffer) -> assertThat(buffer.isAllocated()).isFalse());
	}

	@Test
	void releasesTheBufferWhenTheHeadersCannotBeSet() {
		ServerWebExchange readOnly = this.exchange.mutate().response(new MockServerHttpResponse(this.buffers) {

			@Override
			public HttpHeaders getHeaders() {
				return HttpHeaders.readOnlyHttpHeaders(super.getHeaders());
			}

		}).build();

		String outcome = this.responses.result(readOnly, "app.tasks.add", 3)
			.then(Mono.just("written"))
			.onErrorResume(UnsupportedOperationException.class, (ex) -> Mono.just("refused"))
			.block();

		assertThat(outcome).isEqualTo("refused");
		assertThat(this.buffers.allocated).isNotEmpty()
			.allSatisfy((buffer) -> assertThat(buffer.isAllocated()).isFalse());
	}

	@Test
	void answersAFailureOfACommittedResponseAsAnErrorSignalWithoutABody() {
		this.response.setComplete().block();

		Mono<Void> answer = this.responses.error(exchange(), "r1", RunnerRejectedException.readTimeout());

		assertThat(answer.then(Mono.just("answered")).onErrorReturn("failed").block()).isEqualTo("failed");
		assertThat(this.buffers.allocated).isEmpty();
	}

	private ServerWebExchange exchange() {
		return this.exchange.mutate().response(this.response).build();
	}

	private static final class TrackingBufferFactory extends NettyDataBufferFactory {

		private final List<NettyDataBuffer> allocated = new ArrayList<>();

		TrackingBufferFactory() {
			super(UnpooledByteBufAllocator.DEFAULT);
		}

		@Override
		public NettyDataBuffer allocateBuffer(int initialCapacity) {
			NettyDataBuffer buffer = super.allocateBuffer(initialCapacity);
			this.allocated.add(buffer);
			return buffer;
		}

	}

}
