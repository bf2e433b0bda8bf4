package dev.runner.spring.socket;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerSocket;
import dev.runner.spring.core.AbstractRunnerContext;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The {@link dev.runner.spring.RunnerContext} of a task or event called over a socket: the socket's upgrade headers
 * and authentication, and a request id of its own per call.
 */
final class SocketRunnerContext extends AbstractRunnerContext {

	private final String requestId;

	private final SocketConnection socket;

	SocketRunnerContext(String requestId, SocketConnection socket, RunnerSerializer serializer) {
		super(serializer);
		this.requestId = requestId;
		this.socket = socket;
	}

	@Override
	public String requestId() {
		return this.requestId;
	}

	@Override
	public HttpHeaders headers() {
		return this.socket.headers();
	}

	@Override
	public RunnerAuthentication authentication() {
		return this.socket.authentication();
	}

	@Override
	public Optional<ServerWebExchange> exchange() {
		return Optional.empty();
	}

	@Override
	public Optional<RunnerSocket> socket() {
		return Optional.of(this.socket);
	}

	@Override
	public Optional<String> asyncContext(String id) {
		return Optional.empty();
	}

}
