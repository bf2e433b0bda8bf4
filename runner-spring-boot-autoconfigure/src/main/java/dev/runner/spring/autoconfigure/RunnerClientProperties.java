package dev.runner.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The Java client's properties: one {@code runner.clients.<name>} per remote runner server.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("runner")
public class RunnerClientProperties {

	/**
	 * Runner clients by name: each becomes a RunnerClient of RunnerClients, and the client of every
	 * &#64;RunnerServiceClient interface with that name.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	public Map<String, Client> getClients() {
		return this.clients;
	}

	/**
	 * One remote runner server.
	 */
	public static class Client {

		/**
		 * Base URL of the server's tunnel, such as http://billing:8080/__runner. Required.
		 */
		private @Nullable String baseUrl;

		/**
		 * Token sent with every call.
		 */
		private @Nullable String token;

		/**
		 * Header the token is sent in.
		 */
		private String authHeader = "x-runner-token";

		/**
		 * How long a call may take: until the whole JSON answer arrived, or the first bytes of a streamed one; 0 for
		 * no limit.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * Largest JSON answer read.
		 */
		private DataSize maxAnswerSize = DataSize.ofMegabytes(16);

		/**
		 * Headers sent with every call.
		 */
		private final Map<String, String> headers = new LinkedHashMap<>();

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public String getAuthHeader() {
			return this.authHeader;
		}

		public void setAuthHeader(String authHeader) {
			this.authHeader = authHeader;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public DataSize getMaxAnswerSize() {
			return this.maxAnswerSize;
		}

		public void setMaxAnswerSize(DataSize maxAnswerSize) {
			this.maxAnswerSize = maxAnswerSize;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

	}

}
