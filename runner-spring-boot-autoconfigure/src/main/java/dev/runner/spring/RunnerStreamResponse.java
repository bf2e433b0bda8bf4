package dev.runner.spring;

import java.io.InputStream;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;

/**
 * A task result written as raw bytes instead of a JSON envelope (docs/tunnel-http.md §4.2), with its status, content type
 * and extra headers. Handlers may also return a {@code Flux<DataBuffer>}, a {@link Resource} or an
 * {@link InputStream} directly: they are answered as {@code RunnerStreamResponse.of(...)}.
 * <p>
 * The body is written as it is produced, chunked, never buffered whole; a caller that goes away cancels it. Resources
 * and input streams are read off the event loop, and input streams are closed at the end. Whatever the extra headers
 * say, the tunnel's own headers win: {@code Set-Cookie}, {@code Access-Control-Allow-Origin},
 * {@code Access-Control-Allow-Credentials}, {@code X-Content-Type-Options}, {@code X-Frame-Options} and
 * {@code x-runner-request-id} are dropped. The official clients return the body as a stream when the content type
 * does not start with {@code application/json}.
 *
 * <pre class="code">
 * &#064;RunnerTask("reports.csv")
 * RunnerStreamResponse csv(ReportQuery query) {
 *     return RunnerStreamResponse.status(200).contentType("text/csv").header("x-rows", "2").body(reports.csv(query));
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class RunnerStreamResponse {

	private static final int BUFFER_SIZE = 64 * 1024;

	private final int statusCode;

	private final String contentType;

	private final HttpHeaders headers;

	private final Function<DataBufferFactory, Flux<DataBuffer>> body;

	private RunnerStreamResponse(Builder builder, Function<DataBufferFactory, Flux<DataBuffer>> body) {
		this.statusCode = builder.statusCode;
		this.contentType = builder.contentType;
		this.headers = HttpHeaders.readOnlyHttpHeaders(builder.headers);
		this.body = body;
	}

	/**
	 * Starts a response with status 200.
	 * @return a builder
	 */
	public static Builder ok() {
		return new Builder(200);
	}

	/**
	 * Starts a response with a status.
	 * @param statusCode the HTTP status, 100 to 599
	 * @return a builder
	 */
	public static Builder status(int statusCode) {
		return new Builder(statusCode);
	}

	/**
	 * A 200 {@code application/octet-stream} response of buffers.
	 * @param body the bytes
	 * @return the response
	 */
	public static RunnerStreamResponse of(Publisher<? extends DataBuffer> body) {
		return ok().body(body);
	}

	/**
	 * A 200 {@code application/octet-stream} response of a resource's content.
	 * @param body the resource
	 * @return the response
	 */
	public static RunnerStreamResponse of(Resource body) {
		return ok().body(body);
	}

	/**
	 * A 200 {@code application/octet-stream} response of a stream's content.
	 * @param body the stream, read once and closed
	 * @return the response
	 */
	public static RunnerStreamResponse of(InputStream body) {
		return ok().body(body);
	}

	/**
	 * Returns the HTTP status.
	 * @return the status
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Returns the {@code Content-Type}.
	 * @return the content type, {@code application/octet-stream} unless set
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Returns the extra headers, as given.
	 * @return the headers (read-only)
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Returns the body. Subscribe to it once.
	 * @param bufferFactory allocates the buffers of resource and input stream bodies
	 * @return the body
	 */
	public Flux<DataBuffer> body(DataBufferFactory bufferFactory) {
		return this.body.apply(bufferFactory);
	}

	/**
	 * Builds a {@link RunnerStreamResponse}.
	 */
	public static final class Builder {

		private final int statusCode;

		private String contentType = MediaType.APPLICATION_OCTET_STREAM_VALUE;

		private final HttpHeaders headers = new HttpHeaders();

		private Builder(int statusCode) {
			Assert.isTrue(statusCode >= 100 && statusCode <= 599, "'statusCode' must be between 100 and 599");
			this.statusCode = statusCode;
		}

		/**
		 * Sets the {@code Content-Type}.
		 * @param contentType the content type
		 * @return this builder
		 */
		public Builder contentType(String contentType) {
			Assert.hasText(contentType, "'contentType' must not be empty");
			this.contentType = contentType;
			return this;
		}

		/**
		 * Sets the {@code Content-Type}.
		 * @param contentType the content type
		 * @return this builder
		 */
		public Builder contentType(MediaType contentType) {
			Assert.notNull(contentType, "'contentType' must not be null");
			return contentType(contentType.toString());
		}

		/**
		 * Adds a header.
		 * @param name the header name
		 * @param values its values
		 * @return this builder
		 */
		public Builder header(String name, String... values) {
			Assert.hasText(name, "'name' must not be empty");
			for (String value : values) {
				this.headers.add(name, value);
			}
			return this;
		}

		/**
		 * Finishes the response with a body of buffers.
		 * @param body the bytes, subscribed once when the response is written
		 * @return the response
		 */
		public RunnerStreamResponse body(Publisher<? extends DataBuffer> body) {
			Assert.notNull(body, "'body' must not be null");
			return new RunnerStreamResponse(this, (bufferFactory) -> Flux.from(body));
		}

		/**
		 * Finishes the response with a resource's content, read off the event loop.
		 * @param body the resource
		 * @return the response
		 */
		public RunnerStreamResponse body(Resource body) {
			Assert.notNull(body, "'body' must not be null");
			return new RunnerStreamResponse(this, (bufferFactory) -> DataBufferUtils
				.read(body, bufferFactory, BUFFER_SIZE)
				.subscribeOn(Schedulers.boundedElastic()));
		}

		/**
		 * Finishes the response with a stream's content, read off the event loop and closed at the end.
		 * @param body the stream
		 * @return the response
		 */
		public RunnerStreamResponse body(InputStream body) {
			Assert.notNull(body, "'body' must not be null");
			return new RunnerStreamResponse(this, (bufferFactory) -> DataBufferUtils
				.readInputStream(() -> body, bufferFactory, BUFFER_SIZE)
				.subscribeOn(Schedulers.boundedElastic()));
		}

	}

}
