package dev.runner.spring.client;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Calls the tasks and events of a runner server (this starter, or the Node exposure of {@code @bluelibs/runner}
 * 5.5.0) on the same wire as the official clients (docs/tunnel-http.md §14, this client in §14.9):
 * {@code POST {base-url}/task/{id}} with
 * {@code {"input":…}} written by the runner serializer, and the answer's envelope read back into Java types.
 * <p>
 * The input decides the request mode (§3.1): a {@link org.reactivestreams.Publisher} of {@link DataBuffer}s is sent
 * as {@code application/octet-stream}; an input holding {@link RunnerFile}s anywhere in its maps, lists, arrays or
 * records is sent as the smart client's multipart request (a manifest whose files are sentinels, then one part per
 * file, streamed from {@link RunnerFile#content()}, never buffered whole); anything else as JSON. A {@code null}
 * input is no input ({@code {"input":{"__type":"Undefined","value":null}}}).
 * <p>
 * Every call fails with:
 * <ul>
 * <li>a {@link RunnerException} (or the subclass its {@link RunnerErrorRegistry} makes) for a typed error, with the
 * server's id, message, data and {@code httpCode} (§4.5);</li>
 * <li>a {@link RunnerClientException} for any other error envelope, with the protocol's {@code code} and the HTTP
 * status, for the client's own timeout ({@code TIMEOUT}), a server it cannot reach ({@code UNREACHABLE}) and an answer
 * that is not an envelope ({@code INVALID_RESPONSE}, {@code HTTP_ERROR}).</li>
 * </ul>
 * Cancelling a returned publisher aborts the HTTP request. Inside a runner call (or when the Reactor context holds
 * {@link RunnerContext#REQUEST_ID_KEY} or {@link #ASYNC_CONTEXT_KEY}) the request id and {@code x-runner-context}
 * are forwarded (§9, §12). Each call is observed as {@code runner.client.task} or {@code runner.client.event}, the
 * parent of the {@code WebClient}'s own {@code http.client.requests} observation, so a trace goes on into the server.
 * <p>
 * Make one with {@link #builder()}, or let the starter make one per {@code runner.clients.<name>} and take it from
 * {@link RunnerClients}. A client is thread-safe and meant to be shared.
 *
 * @since 0.2.0
 */
public interface RunnerClient {

	/**
	 * The Reactor context key of the async context forwarded as {@code x-runner-context} (docs/tunnel-http.md §12): a
	 * {@code Map<String, String>} from context id to that context's serialized text. When absent, a call made inside a
	 * runner call forwards that call's own {@code x-runner-context} header.
	 */
	String ASYNC_CONTEXT_KEY = "runner.asyncContext";

	/**
	 * Returns the client's name, used in messages and as the {@code runner.client.name} key of its observations.
	 * @return the name
	 */
	String name();

	/**
	 * Runs a task and reads its result (docs/tunnel-http.md §3.2, §4.1).
	 * @param id the task id
	 * @param input the input: a value, an input holding {@link RunnerFile}s, a {@code Publisher<DataBuffer>}, or
	 * {@code null} for none
	 * @param resultType the result's type: any type the runner serializer converts to ({@code Void.class} for a task
	 * that returns nothing; {@link Resource} reads a streamed answer as an {@code InputStream}, which the caller must
	 * close)
	 * @param <T> the result's type
	 * @return the result; empty when it is {@code null} or undefined
	 */
	<T> Mono<T> task(String id, @Nullable Object input, Class<T> resultType);

	/**
	 * Runs a task and reads its result as a generic type.
	 * @param id the task id
	 * @param input the input, as for {@link #task(String, Object, Class)}
	 * @param resultType the result's type, such as {@code new ParameterizedTypeReference<List<Note>>() {}}
	 * @param <T> the result's type
	 * @return the result; empty when it is {@code null} or undefined
	 */
	<T> Mono<T> task(String id, @Nullable Object input, ParameterizedTypeReference<T> resultType);

	/**
	 * Runs a task that answers with a stream (docs/tunnel-http.md §4.2) and reads the bytes as they arrive. An error
	 * envelope fails the flux; so does an envelope with a value ({@code INVALID_RESPONSE}).
	 * @param id the task id
	 * @param input the input, as for {@link #task(String, Object, Class)}; a {@code Publisher<DataBuffer>} makes a
	 * duplex call
	 * @return the bytes; the subscriber releases each buffer
	 */
	Flux<DataBuffer> taskStream(String id, @Nullable Object input);

	/**
	 * Emits an event and waits until every listener of the server ran (docs/tunnel-http.md §3.5).
	 * @param id the event id
	 * @param payload the payload, {@code null} for none
	 * @return completes once the server answered {@code {"ok":true}}
	 */
	Mono<Void> event(String id, @Nullable Object payload);

	/**
	 * Emits an event with {@code returnPayload} and reads the payload as the listeners left it.
	 * @param id the event id
	 * @param payload the payload, {@code null} for none
	 * @param type the payload's type
	 * @param <T> the payload's type
	 * @return the final payload; empty when it is {@code null} or undefined
	 */
	<T> Mono<T> eventWithResult(String id, @Nullable Object payload, Class<T> type);

	/**
	 * Emits an event with {@code returnPayload} and reads the payload as a generic type.
	 * @param id the event id
	 * @param payload the payload, {@code null} for none
	 * @param type the payload's type, such as {@code new ParameterizedTypeReference<List<Note>>() {}}
	 * @param <T> the payload's type
	 * @return the final payload; empty when it is {@code null} or undefined
	 */
	<T> Mono<T> eventWithResult(String id, @Nullable Object payload, ParameterizedTypeReference<T> type);

	/**
	 * Reads what the server serves ({@code GET {base-url}/discovery}, docs/tunnel-http.md §6).
	 * @return the ids the server serves
	 */
	Mono<RunnerDiscovery> discovery();

	/**
	 * Starts a client.
	 * @return a builder
	 */
	static Builder builder() {
		return new DefaultRunnerClientBuilder();
	}

	/**
	 * Builds a {@link RunnerClient}.
	 */
	interface Builder {

		/**
		 * Sets the name used in messages and observations; {@code runner} by default.
		 * @param name the name
		 * @return this builder
		 */
		Builder name(String name);

		/**
		 * Sets the server's base URL, such as {@code http://billing:8080/__runner} (one trailing {@code /} is
		 * removed, §14.1). Required.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		Builder baseUrl(String baseUrl);

		/**
		 * Sets the token sent with every call; none by default.
		 * @param token the token
		 * @return this builder
		 */
		Builder token(@Nullable String token);

		/**
		 * Sets the header the token is sent in; {@code x-runner-token} by default.
		 * @param authHeader the header name
		 * @return this builder
		 */
		Builder authHeader(String authHeader);

		/**
		 * Sets how long a call may take: until the whole JSON answer has arrived, or until the first bytes of a
		 * streamed answer (then the stream is not timed); 30 s by default, {@link Duration#ZERO} for none. When it
		 * passes, the request is aborted and the call fails with code {@code TIMEOUT}.
		 * @param timeout the timeout
		 * @return this builder
		 */
		Builder timeout(Duration timeout);

		/**
		 * Sets the largest JSON answer read; 16 MiB by default. A larger one fails with code
		 * {@code ANSWER_TOO_LARGE}; streamed answers are not limited.
		 * @param maxAnswerSize the limit
		 * @return this builder
		 */
		Builder maxAnswerSize(DataSize maxAnswerSize);

		/**
		 * Adds a header sent with every call.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		Builder header(String name, String value);

		/**
		 * Sets the {@code WebClient.Builder} the client is built on (cloned, so the caller's builder is left as it
		 * is); by default {@code WebClient.builder()}. The starter passes Boot's, with its codecs, connector, SSL and
		 * observations.
		 * @param webClient the builder
		 * @return this builder
		 */
		Builder webClient(WebClient.Builder webClient);

		/**
		 * Sets the serializer of inputs and answers; by default one with no custom types. The starter passes its own,
		 * with the application's {@code RunnerTypeCodec}s.
		 * @param serializer the serializer
		 * @return this builder
		 */
		Builder serializer(RunnerSerializer serializer);

		/**
		 * Sets the registry of the application's typed errors; by default none.
		 * @param errors the registry
		 * @return this builder
		 */
		Builder errors(RunnerErrorRegistry errors);

		/**
		 * Sets the registry of the {@code runner.client.*} observations; by default none (no observation).
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		Builder observationRegistry(ObservationRegistry observationRegistry);

		/**
		 * Sets the convention of the {@code runner.client.*} observations; by default
		 * {@link DefaultRunnerClientObservationConvention}.
		 * @param convention the convention
		 * @return this builder
		 */
		Builder observationConvention(RunnerClientObservationConvention convention);

		/**
		 * Builds the client.
		 * @return the client
		 * @throws IllegalStateException if no base URL was set, or it is empty once its trailing {@code /} is removed
		 */
		RunnerClient build();

	}

}
