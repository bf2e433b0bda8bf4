package dev.runner.spring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerTask;

import static org.assertj.core.api.Assertions.assertThat;

class TunnelSmokeIntegrationTests {

	private static ConfigurableApplicationContext context;

	private static String base;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(SmokeApp.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "runner.auth.tokens=secret")
			.run();
		int port = ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
		base = "http://127.0.0.1:" + port + "/__runner";
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void addsOverHttp() throws Exception {
		HttpResponse<String> response = post("/task/app.tasks.add", "{\"input\":{\"a\":1,\"b\":2}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"ok\":true,\"result\":3}");
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
		assertThat(response.headers().firstValue("x-runner-request-id")).isPresent();
	}

	@Test
	void answersTypedError() throws Exception {
		HttpResponse<String> response = post("/task/app.tasks.typed", "{}");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).isEqualTo(
				"{\"ok\":false,\"error\":{\"message\":\"{\\\"reason\\\":\\\"dup\\\"}\",\"code\":\"INTERNAL_ERROR\",\"id\":\"app.errors.Conflict\",\"data\":{\"reason\":\"dup\"},\"httpCode\":409}}");
	}

	@Test
	void emitsEventWithPayload() throws Exception {
		HttpResponse<String> response = post("/event/app.events.notify",
				"{\"payload\":{\"a\":1},\"returnPayload\":true}");
		assertThat(response.body()).isEqualTo("{\"ok\":true,\"result\":{\"a\":1,\"touched\":true}}");
	}

	@Test
	void answersMalformedEscapeWithNotFoundEnvelope() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(base).getPort())) {
			socket.getOutputStream()
				.write(("POST /__runner/task/%E0%A4%A HTTP/1.1\r\nHost: x\r\nx-runner-token: secret\r\n"
						+ "content-length: 0\r\nconnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 404 Not Found")
				.endsWith("{\"ok\":false,\"error\":{\"message\":\"Not Found\",\"code\":\"NOT_FOUND\"}}");
		}
	}

	@Test
	void answersBeanValidationViolationsWithPaths() throws Exception {
		HttpResponse<String> response = post("/task/app.tasks.order",
				"{\"input\":{\"customer\":\"\",\"lines\":[{\"sku\":\"a\",\"qty\":0}]}}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"ok\":false,\"error\":{\"message\":\"Invalid input\","
				+ "\"code\":\"INVALID_INPUT\",\"id\":\"runner.errors.InvalidInput\",\"data\":{\"violations\":[")
			.contains("{\"path\":\"customer\",\"message\":\"must not be blank\"}")
			.contains("{\"path\":\"lines[0].qty\",\"message\":\"must be greater than or equal to 1\"}")
			.endsWith("]},\"httpCode\":400}}");
		assertThat(post("/task/app.tasks.order", "{\"input\":{\"customer\":\"ada\",\"lines\":[{\"sku\":\"a\",\"qty\":2}]}}")
			.body()).isEqualTo("{\"ok\":true,\"result\":2}");
	}

	@Test
	void validatesConstraintsDeclaredOnTheParameterAndListElements() throws Exception {
		assertThat(post("/task/app.tasks.repeat", "{\"input\":0}").body()).isEqualTo("{\"ok\":false,\"error\":"
				+ "{\"message\":\"Invalid input\",\"code\":\"INVALID_INPUT\",\"id\":\"runner.errors.InvalidInput\","
				+ "\"data\":{\"violations\":[{\"path\":\"\",\"message\":\"must be greater than or equal to 1\"}]},"
				+ "\"httpCode\":400}}");
		assertThat(post("/task/app.tasks.repeat", "{\"input\":2}").body()).isEqualTo("{\"ok\":true,\"result\":\"xx\"}");
		assertThat(post("/task/app.tasks.lines", "{\"input\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":0}]}")
			.body()).contains("{\"path\":\"[1].qty\",\"message\":\"must be greater than or equal to 1\"}");
	}

	@Test
	void answersUnconvertibleInputAsInvalidInput() throws Exception {
		HttpResponse<String> response = post("/task/app.tasks.add", "{\"input\":{\"a\":\"x\",\"b\":2}}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"INVALID_INPUT\"").contains("\"violations\":[{\"path\":");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("x-runner-token", "secret")
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	record AddInput(int a, int b) {
	}

	record OrderInput(@NotBlank String customer, List<@Valid Line> lines) {
	}

	record Line(String sku, @Min(1) int qty) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SmokeApp {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@RunnerTask("app.tasks.add")
		int add(AddInput input) {
			return input.a() + input.b();
		}

		@RunnerTask("app.tasks.typed")
		void typed() {
			throw new RunnerException("app.errors.Conflict", "{\"reason\":\"dup\"}", Map.of("reason", "dup"), 409);
		}

		@RunnerTask("app.tasks.order")
		int order(@Valid OrderInput input) {
			return input.lines().stream().mapToInt(Line::qty).sum();
		}

		@RunnerTask("app.tasks.repeat")
		String repeat(@Min(1) int times) {
			return "x".repeat(times);
		}

		@RunnerTask("app.tasks.lines")
		int lines(List<@Valid Line> lines) {
			return lines.size();
		}

		@RunnerEvent("app.events.notify")
		Map<String, Object> touch(Map<String, Object> payload) {
			Map<String, Object> copy = new java.util.LinkedHashMap<>(payload);
			copy.put("touched", true);
			return copy;
		}

	}

}
