package dev.runner.spring.client;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dev.runner.spring.serializer.JsUndefined;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerInputConversionException;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Reads the answers of one client: envelopes into values or exceptions, the way the official clients interpret them
 * (docs/tunnel-http.md §14.5, §14.6), and streamed answers (§4.2) as they arrive.
 */
final class TunnelAnswer {

	private static final int PREVIEW = 512;

	/** What {@link #fast} returns when the answer needs the full path. */
	private static final Object SLOW = new Object();

	private final RunnerSerializer serializer;

	private final RunnerErrorRegistry errors;

	private final int maxAnswerSize;

	private final Map<Type, Type> envelopeTypes = new ConcurrentHashMap<>();

	TunnelAnswer(RunnerSerializer serializer, RunnerErrorRegistry errors, int maxAnswerSize) {
		this.serializer = serializer;
		this.errors = errors;
		this.maxAnswerSize = maxAnswerSize;
	}

	/**
	 * Reads an envelope and converts its result.
	 * @param call the call
	 * @param answer the answer, its body not read yet
	 * @param type the result's type
	 * @param resultRequired whether an envelope without {@code result} is invalid ({@code eventWithResult})
	 * @return the converted result, empty for {@code null} and undefined
	 */
	Mono<Object> value(TunnelCall call, ResponseEntity<Flux<DataBuffer>> answer, Type type, boolean resultRequired) {
		int status = answer.getStatusCode().value();
		boolean fast = !resultRequired && status >= 200 && status < 300 && type != Object.class && type != Void.class;
		return bytes(call, answer).handle((bytes, sink) -> {
			try {
				Object value = fast ? fast(bytes, type) : SLOW;
				if (value == SLOW) {
					value = convert(call, interpret(call, status, bytes, resultRequired), type);
				}
				if (value != null) {
					sink.next(value);
				}
			}
			catch (RuntimeException ex) {
				sink.error(ex);
			}
		});
	}

	/**
	 * Reads a success envelope in plain JSON straight into {@code {ok, result: T}} (what the plain {@code WebClient}
	 * with Jackson does), skipping the decoded tree; anything else (an error envelope, typed values, a result that
	 * does not convert) is left to the full path, which reports it.
	 */
	private @Nullable Object fast(byte[] body, Type type) {
		if (!RunnerSerializer.isPlainJson(body)) {
			return SLOW;
		}
		try {
			Object decoded = this.serializer.decode(body, this.envelopeTypes.computeIfAbsent(type, (resultType) ->
					ResolvableType.forClassWithGenerics(Envelope.class, ResolvableType.forType(resultType)).getType()));
			return (decoded instanceof Envelope<?> envelope && envelope.error() == null
					&& JsValues.isTruthy(envelope.ok())) ? envelope.result() : SLOW;
		}
		catch (RunnerInputConversionException | RunnerSerializationException ex) {
			return SLOW;
		}
	}

	/**
	 * A success envelope as Jackson reads it on the fast path.
	 * @param ok the {@code ok} value
	 * @param result the result
	 * @param error the error, which sends the answer to the full path
	 * @param <T> the result's type
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Envelope<T>(@Nullable Object ok, @Nullable T result, @Nullable Object error) {
	}

	/**
	 * Reads an envelope that must say {@code ok}, without a result (an event without {@code returnPayload}).
	 * @param call the call
	 * @param answer the answer
	 * @return completes when the envelope is a success
	 */
	Mono<Void> ok(TunnelCall call, ResponseEntity<Flux<DataBuffer>> answer) {
		return envelope(call, answer, false).then();
	}

	/**
	 * Reads a discovery answer's result.
	 * @param call the call
	 * @param answer the answer
	 * @return the decoded result
	 */
	Mono<Object> result(TunnelCall call, ResponseEntity<Flux<DataBuffer>> answer) {
		return envelope(call, answer, true);
	}

	/**
	 * Reads a streamed answer: its bytes when the status is below 400 and the content type is not JSON; otherwise the
	 * envelope's error, or {@code INVALID_RESPONSE} for an envelope with a value.
	 * @param call the call
	 * @param answer the answer
	 * @return the bytes, which the subscriber releases
	 */
	Flux<DataBuffer> stream(TunnelCall call, ResponseEntity<Flux<DataBuffer>> answer) {
		Flux<DataBuffer> body = bodyOf(answer);
		if (!isEnvelope(answer) && answer.getStatusCode().value() < 400) {
			return body;
		}
		return envelope(call, answer, false).flatMapMany((result) -> Flux.error(call.failure(
				RunnerClientException.INVALID_RESPONSE, answer.getStatusCode().value(),
				"answered a value where a stream was expected", null)));
	}

	private static boolean isEnvelope(ResponseEntity<?> answer) {
		MediaType type = answer.getHeaders().getContentType();
		return type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON);
	}

	private static Flux<DataBuffer> bodyOf(ResponseEntity<Flux<DataBuffer>> answer) {
		Flux<DataBuffer> body = answer.getBody();
		return (body != null) ? body : Flux.empty();
	}

	/**
	 * Reads an envelope: the {@code result} of a success ({@link JsUndefined} when it is {@code null}, undefined or
	 * missing: a {@code Mono} cannot hold {@code null}), or the error it stands for.
	 */
	private Mono<Object> envelope(TunnelCall call, ResponseEntity<Flux<DataBuffer>> answer, boolean resultRequired) {
		int status = answer.getStatusCode().value();
		return bytes(call, answer).handle((bytes, sink) -> {
			try {
				sink.next(interpret(call, status, bytes, resultRequired));
			}
			catch (RuntimeException ex) {
				sink.error(ex);
			}
		});
	}

	/** The whole body, up to the answer limit; an empty array when there is none. */
	private Mono<byte[]> bytes(TunnelCall call, ResponseEntity<Flux<DataBuffer>> answer) {
		int status = answer.getStatusCode().value();
		return DataBufferUtils.join(bodyOf(answer), this.maxAnswerSize)
			.onErrorMap(DataBufferLimitException.class, (ex) -> call.failure(RunnerClientException.ANSWER_TOO_LARGE,
					status, "answered more than " + this.maxAnswerSize + " bytes of JSON", ex))
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0]);
	}

	private Object interpret(TunnelCall call, int status, byte[] body, boolean resultRequired) {
		if (body.length == 0) {
			throw (status >= 200 && status < 300)
					? call.failure(RunnerClientException.INVALID_RESPONSE, status, "answered an empty body", null)
					: call.failure(RunnerClientException.HTTP_ERROR, status, "Tunnel HTTP " + status, null);
		}
		Object decoded;
		try {
			decoded = this.serializer.decode(body);
		}
		catch (RunnerSerializationException ex) {
			if (status >= 200 && status < 300) {
				throw call.failure(RunnerClientException.INVALID_RESPONSE, status, "answered a body that is not "
						+ "runner JSON: " + ex.getMessage(), ex);
			}
			throw call.failure(RunnerClientException.HTTP_ERROR, status, "Tunnel HTTP " + status + ": "
					+ preview(body), null);
		}
		Map<String, Object> envelope = JsValues.asPlainObject(decoded);
		if (envelope == null) {
			throw call.failure((decoded instanceof java.util.List) ? RunnerClientException.UNKNOWN
					: RunnerClientException.INVALID_RESPONSE, status, call.fallbackMessage(), null);
		}
		if (JsValues.isTruthy(envelope.get("ok"))) {
			if (resultRequired && !envelope.containsKey("result")) {
				throw call.failure(RunnerClientException.INVALID_RESPONSE, status, "Tunnel event returnPayload "
						+ "requested but server did not include result. Upgrade the exposure server.", null);
			}
			Object result = envelope.get("result");
			return (result != null) ? result : JsUndefined.INSTANCE;
		}
		throw error(call, status, JsValues.asPlainObject(envelope.get("error")));
	}

	private RuntimeException error(TunnelCall call, int status, @Nullable Map<String, Object> error) {
		if (error == null || !(error.get("message") instanceof String message)) {
			return call.failure(RunnerClientException.UNKNOWN, status, call.fallbackMessage(), null);
		}
		if (error.get("id") instanceof String id && !id.isEmpty()) {
			Object data = JsValues.undefinedAsNull(error.get("data"));
			return this.errors.rebuild(id, message, (data != null) ? data : Map.of(), httpCode(error.get("httpCode")));
		}
		if (error.get("code") instanceof String code) {
			return call.failure(code, status, message, null);
		}
		return call.failure(RunnerClientException.UNKNOWN, status, message, null);
	}

	private static OptionalInt httpCode(@Nullable Object value) {
		if (value instanceof Number number) {
			double code = number.doubleValue();
			if (code == Math.rint(code) && code >= 100 && code <= 599) {
				return OptionalInt.of((int) code);
			}
		}
		return OptionalInt.empty();
	}

	private @Nullable Object convert(TunnelCall call, Object result, Type type) {
		if (result instanceof JsUndefined || type == Void.class) {
			return null;
		}
		try {
			return this.serializer.convert(result, type);
		}
		catch (RunnerInputConversionException ex) {
			throw call.failure(RunnerClientException.INVALID_RESPONSE, 200,
					"answered a result that is not a " + type.getTypeName() + ": " + ex.getMessage(), ex);
		}
	}

	private static String preview(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, PREVIEW * 4), StandardCharsets.UTF_8);
		return (text.length() > PREVIEW) ? text.substring(0, PREVIEW) : text;
	}

}
