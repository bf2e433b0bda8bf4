package dev.runner.sample;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file tasks of the sample over real HTTP, as the README's {@code curl} examples call them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "runner.auth.tokens=test-token")
@AutoConfigureWebTestClient
class FileTasksIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void uploadsThenDownloadsLikeTheReadmeExample() {
		// curl -s http://localhost:8080/__runner/task/files.upload -H 'x-runner-token: dev-token'
		// -F '__manifest={"input":{"files":[{"$runnerFile":"File","id":"F1","meta":{"name":"hello.txt"}}],
		// "label":"docs"}}' -F 'file:F1=@hello.txt;type=text/plain'
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("__manifest", "{\"input\":{\"files\":[{\"$runnerFile\":\"File\",\"id\":\"F1\","
				+ "\"meta\":{\"name\":\"hello.txt\"}}],\"label\":\"docs\"}}");
		body.part("file:F1", new ByteArrayResource("hello, runner\n".getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return "hello.txt";
			}

		}).contentType(MediaType.TEXT_PLAIN);
		String uploaded = this.client.post()
			.uri("/__runner/task/files.upload")
			.header("x-runner-token", "test-token")
			.bodyValue(body.build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(uploaded).matches("\\{\"ok\":true,\"result\":\\[\\{\"id\":\"[0-9a-f-]{36}\",\"name\":\"hello.txt\","
				+ "\"type\":\"text/plain\",\"size\":14,\"label\":\"docs\",\"storedAt\":\\{\"__type\":\"Date\",.*");
		String id = uploaded.substring(28, 64);
		// curl -s http://localhost:8080/__runner/task/files.download -H 'x-runner-token: dev-token'
		// -H 'content-type: application/json' -d '{"input":"<id>"}' -o hello.txt
		byte[] downloaded = this.client.post()
			.uri("/__runner/task/files.download")
			.header("x-runner-token", "test-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"input\":\"" + id + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.TEXT_PLAIN)
			.expectHeader()
			.valueEquals("content-disposition", "attachment; filename=\"hello.txt\"; filename*=UTF-8''hello.txt")
			.expectHeader()
			.valueEquals("x-content-type-options", "nosniff")
			.expectBody()
			.returnResult()
			.getResponseBodyContent();
		assertThat(new String(downloaded, StandardCharsets.UTF_8)).isEqualTo("hello, runner\n");
	}

	@Test
	void downloadsWithIdAsRawBody() {
		this.client.post()
			.uri("/__runner/task/files.download")
			.header("x-runner-token", "test-token")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue("nope".getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error.id").isEqualTo(UnknownFileException.ID)
			.jsonPath("$.error.data.id").isEqualTo("nope");
	}

	@Test
	void streamsRawBodyBackUpperCased() {
		byte[] upper = this.client.post()
			.uri("/__runner/task/files.upper")
			.header("x-runner-token", "test-token")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue("shout, please".getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.expectBody()
			.returnResult()
			.getResponseBodyContent();
		assertThat(new String(upper, StandardCharsets.UTF_8)).isEqualTo("SHOUT, PLEASE");
	}

}
