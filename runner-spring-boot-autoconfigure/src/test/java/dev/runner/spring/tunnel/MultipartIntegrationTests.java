package dev.runner.spring.tunnel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.runner.spring.testsupport.TunnelServer.Reply;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.tunnel.Multipart.sentinel;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart task requests: docs/tunnel-http.md §3.1, §3.3 and §18 cases 55-64 and 67, over real HTTP.
 */
class MultipartIntegrationTests {

	static final String UPLOAD = "/__runner/task/app.tasks.upload";

	static final String INSPECT = "/__runner/task/app.tasks.inspect";

	static final String IGNORE = "/__runner/task/app.tasks.ignore";

	static final String F1_DOC = sentinel("F1", "{\"name\":\"doc.txt\",\"type\":\"text/plain\",\"extra\":{\"k\":1}}");

	static final String MISSING_MANIFEST = error("Missing manifest", "MISSING_MANIFEST");

	static final String MISSING_FILE_PART = error("Internal Error", "MISSING_FILE_PART");

	static final String INVALID = error("Invalid multipart payload", "INVALID_MULTIPART");

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS).silencingExpectedFailures();

	static Reply post(TunnelServer server, String target, byte[] body) {
		return server.exchange("POST", target, body, false, "x-runner-token", "secret", "content-type",
				Multipart.CONTENT_TYPE);
	}

	private static Reply post(String target, byte[] body) {
		return post(server, target, body);
	}

	private static ProfileP.Recorder recorder() {
		return server.bean(ProfileP.Recorder.class);
	}

	@Test // case 55
	void hydratesFileSentinelWithManifestMetadata() {
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + F1_DOC + ",\"other\":5}}")
			.file("file:F1", "part.bin", "application/x-foo", "FILEDATA")
			.build();
		assertEnvelope(post(UPLOAD, body), 200,
				ok("{\"name\":\"doc.txt\",\"type\":\"text/plain\",\"extra\":{\"k\":1},\"text\":\"FILEDATA\",\"other\":5}"));
	}

	@Test // case 56
	void takesMissingMetadataFromThePart() {
		byte[] named = new Multipart().manifest("{\"input\":{\"file\":" + sentinel("F1", "{\"name\":\"doc.txt\"}") + "}}")
			.file("file:F1", "part.bin", "application/x-foo", "A")
			.build();
		assertEnvelope(post(UPLOAD, named), 200,
				ok("{\"name\":\"doc.txt\",\"type\":\"application/x-foo\",\"extra\":{},\"text\":\"A\",\"other\":null}"));
		byte[] bare = new Multipart().manifest("{\"input\":{\"file\":" + sentinel("F1", null) + "}}")
			.file("file:F1", "dir/sub/x.txt", null, "B")
			.build();
		assertEnvelope(post(UPLOAD, bare), 200,
				ok("{\"name\":\"x.txt\",\"type\":\"text/plain\",\"extra\":{},\"text\":\"B\",\"other\":null}"));
	}

	@Test // case 57
	void acceptsFilePartBeforeManifest() {
		byte[] body = new Multipart().file("file:F1", "part.bin", "application/x-foo", "FILEDATA")
			.manifest("{\"input\":{\"file\":" + F1_DOC + ",\"other\":5}}")
			.build();
		assertEnvelope(post(UPLOAD, body), 200,
				ok("{\"name\":\"doc.txt\",\"type\":\"text/plain\",\"extra\":{\"k\":1},\"text\":\"FILEDATA\",\"other\":5}"));
	}

	@Test // case 58
	void refusesManifestReferringToMissingFilePart() {
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + F1_DOC + "}}").build();
		assertEnvelope(post(UPLOAD, body), 500, MISSING_FILE_PART);
	}

	@Test // case 59
	void refusesMissingOrEmptyOrNullManifest() {
		assertEnvelope(post(INSPECT, new Multipart().field("foo", "bar").build()), 400, MISSING_MANIFEST);
		assertEnvelope(post(INSPECT, new Multipart().manifest("").build()), 400, MISSING_MANIFEST);
		assertEnvelope(post(INSPECT, new Multipart().manifest("null").build()), 400, MISSING_MANIFEST);
		assertEnvelope(post(INSPECT, new Multipart().manifest("5").build()), 400, MISSING_MANIFEST);
		assertEnvelope(post(INSPECT, new Multipart().manifest("\"x\"").build()), 400, MISSING_MANIFEST);
		assertEnvelope(post(INSPECT, new Multipart().build()), 400, MISSING_MANIFEST);
		assertThat(recorder().seen("app.tasks.inspect")).isEmpty();
	}

	@ParameterizedTest // case 60
	@ValueSource(strings = { "{bad", "{\"input\":{\"__type\":\"Nope\",\"value\":1}}" })
	void refusesUndecodableManifest(String manifest) {
		assertEnvelope(post(INSPECT, new Multipart().manifest(manifest).build()), 400,
				error("Invalid manifest", "INVALID_MULTIPART"));
	}

	@Test // case 60: a second manifest, which Node would append to the first
	void refusesSecondManifest() {
		byte[] body = new Multipart().manifest("{\"input\":1}").manifest("{\"input\":2}").build();
		assertEnvelope(post(INSPECT, body), 400, error("Invalid manifest", "INVALID_MULTIPART"));
	}

	@Test // case 61
	void refusesMultipartWithoutBoundary() {
		byte[] body = new Multipart().manifest("{\"input\":1}").build();
		assertEnvelope(server.exchange("POST", INSPECT, body, false, "x-runner-token", "secret", "content-type",
				"multipart/form-data"), 400, INVALID);
		byte[] noBoundaryLines = "{\"input\":1}".getBytes(StandardCharsets.UTF_8);
		assertEnvelope(post(INSPECT, noBoundaryLines), 400, INVALID);
		assertThat(recorder().seen("app.tasks.inspect")).isEmpty();
	}

	@Test // case 61: a body that ends without its closing boundary
	void refusesTruncatedBody() {
		byte[] body = new Multipart().manifest("{\"input\":1}").unterminated();
		assertEnvelope(post(INSPECT, body), 400, INVALID);
	}

	@Test
	void refusesPartHeadersOverSixteenKibibytes() {
		String longValue = "x".repeat(17 * 1024);
		byte[] body = new Multipart().part("form-data; name=\"__manifest\"; x=\"" + longValue + "\"", null,
				"{\"input\":1}".getBytes(StandardCharsets.UTF_8))
			.build();
		assertEnvelope(post(INSPECT, body), 400, INVALID);
	}

	@Test // case 62
	void classifiesPartWithoutFilenameAsFieldUnlessOctetStream() {
		String manifest = "{\"input\":{\"file\":" + F1_DOC + "}}";
		byte[] field = new Multipart().manifest(manifest).part("form-data; name=\"file:F1\"", null,
				"DATA".getBytes(StandardCharsets.UTF_8)).build();
		assertEnvelope(post(UPLOAD, field), 500, MISSING_FILE_PART);
		byte[] octet = new Multipart().manifest(manifest)
			.part("form-data; name=\"file:F1\"", "application/octet-stream", "DATA".getBytes(StandardCharsets.UTF_8))
			.build();
		assertEnvelope(post(UPLOAD, octet), 200,
				ok("{\"name\":\"doc.txt\",\"type\":\"text/plain\",\"extra\":{\"k\":1},\"text\":\"DATA\",\"other\":null}"));
		byte[] emptyFilename = new Multipart().manifest(manifest)
			.file("file:F1", "", "text/plain", "DATA")
			.build();
		assertEnvelope(post(UPLOAD, emptyFilename), 500, MISSING_FILE_PART);
	}

	@Test // case 63
	void ignoresManifestSentAsFile() {
		byte[] body = new Multipart().file("__manifest", "m.json", "application/json", "{\"input\":1}").build();
		assertEnvelope(post(INSPECT, body), 400, MISSING_MANIFEST);
		byte[] octet = new Multipart()
			.part("form-data; name=\"__manifest\"", "application/octet-stream", "{\"input\":1}".getBytes())
			.build();
		assertEnvelope(post(INSPECT, octet), 400, MISSING_MANIFEST);
	}

	@Test // case 64
	void hasNoBareInputAndIgnoresOtherFields() {
		byte[] body = new Multipart().field("foo", "bar").manifest("{\"a\":1}").field("baz", "qux").build();
		assertEnvelope(post(INSPECT, body), 200, ok("[]"));
		assertThat(recorder().seen("app.tasks.inspect")).containsExactly((Object) null);
	}

	@Test
	void acceptsManifestWithJsonContentTypeAndNonObjectInputs() {
		byte[] typed = new Multipart()
			.part("form-data; name=\"__manifest\"", "application/json; charset=utf-8",
					"{\"input\":[1,{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"}]}".getBytes())
			.build();
		assertEnvelope(post(INSPECT, typed), 200, ok("[]"));
		assertThat(recorder().seen("app.tasks.inspect").get(0)).asString()
			.isEqualTo("[1, 1970-01-01T00:00:00Z]");
		assertEnvelope(post(INSPECT, new Multipart().manifest("[1]").build()), 200, ok("[]"));
	}

	@Test // case 67
	void selectsMultipartModeCaseInsensitively() {
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + F1_DOC + ",\"other\":5}}")
			.file("file:F1", "part.bin", "application/x-foo", "FILEDATA")
			.build();
		Reply reply = server.exchange("POST", UPLOAD, body, false, "x-runner-token", "secret", "content-type",
				"Multipart/Form-Data; boundary=XyZ");
		assertEnvelope(reply, 200,
				ok("{\"name\":\"doc.txt\",\"type\":\"text/plain\",\"extra\":{\"k\":1},\"text\":\"FILEDATA\",\"other\":5}"));
	}

	@Test
	void hydratesSentinelsAnywhereAndSharesOneFilePerId() {
		String f1 = sentinel("F1", "{\"name\":\"a.txt\",\"size\":3,\"lastModified\":1700000000000}");
		String f2 = sentinel("F2", "{\"name\":\"b.bin\",\"type\":\"application/x-b\"}");
		byte[] body = new Multipart()
			.manifest("{\"input\":{\"list\":[" + f1 + ",{\"deep\":" + f2 + "}],\"again\":" + f1 + "}}")
			.file("file:F1", "a.txt", "text/plain", "AAA")
			.field("between", "ignored")
			.file("file:F2", "b.bin", "application/octet-stream", "BB")
			.build();
		assertEnvelope(post(INSPECT, body), 200,
				ok("[{\"name\":\"a.txt\",\"type\":\"text/plain\",\"size\":3,\"lastModified\":1700000000000,\"extra\":{},"
						+ "\"text\":\"AAA\"},{\"name\":\"b.bin\",\"type\":\"application/x-b\",\"extra\":{},\"text\":\"BB\"}]"));
		Map<?, ?> input = (Map<?, ?>) recorder().seen("app.tasks.inspect").get(0);
		assertThat(input.get("again")).isSameAs(((java.util.List<?>) input.get("list")).get(0));
	}

	@Test
	void readsFilesInAnyOrder() {
		String files = "[" + sentinel("F1", "{\"name\":\"1\"}") + "," + sentinel("F2", "{\"name\":\"2\"}") + "]";
		byte[] big = new byte[3 * 1024 * 1024];
		Arrays.fill(big, (byte) 'a');
		byte[] body = new Multipart().manifest("{\"input\":" + files + "}")
			.file("file:F1", "1", "text/plain", "first")
			.file("file:F2", "2", "text/plain", "second")
			.build();
		assertEnvelope(post("/__runner/task/app.tasks.reversed", body), 200, ok("\"first|second\""));
		byte[] bigFirst = new Multipart().manifest("{\"input\":" + files + "}")
			.file("file:F1", "1", "text/plain", big)
			.file("file:F2", "2", "text/plain", "second")
			.build();
		Reply reply = post("/__runner/task/app.tasks.reversed", bigFirst);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).startsWith("{\"ok\":true,\"result\":\"aaaa").endsWith("|second\"}");
	}

	@Test // docs/tunnel-http.md §15: unread and unreferenced parts never stall the request
	void drainsUnreadAndUnreferencedFiles() {
		byte[] big = new byte[5 * 1024 * 1024];
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + F1_DOC + "}}")
			.file("file:F1", "big.bin", "application/octet-stream", big)
			.file("file:F9", "other.bin", "application/octet-stream", big)
			.file("unrelated", "x.bin", "application/octet-stream", big)
			.build();
		assertEnvelope(post(IGNORE, body), 200, ok("\"ignored\""));
		assertThat(recorder().seen("app.tasks.ignore").get(0)).asString().contains("RunnerFile[id=F1");
		assertEnvelope(server.exchange("POST", IGNORE, body, true, "x-runner-token", "secret", "content-type",
				Multipart.CONTENT_TYPE), 200, ok("\"ignored\""));
	}

	@Test
	void bindsFileParameterAndWritesItToDisk() {
		byte[] bytes = new byte[3 * 1024 * 1024 + 17];
		Arrays.fill(bytes, (byte) 'z');
		bytes[0] = 'H';
		byte[] body = new Multipart().manifest("{\"input\":" + sentinel("F1", "{\"name\":\"big.bin\"}") + "}")
			.file("file:F1", "big.bin", "application/octet-stream", bytes)
			.build();
		assertEnvelope(server.exchange("POST", "/__runner/task/app.tasks.toDisk", body, true, "x-runner-token",
				"secret", "content-type", Multipart.CONTENT_TYPE), 200,
				ok("{\"size\":3145745,\"head\":\"Hzzzzzzz\"}"));
	}

	@Test
	void unescapesQuotedFilenames() {
		byte[] body = new Multipart().manifest("{\"input\":{\"file\":" + sentinel("F1", null) + "}}")
			.part("form-data; name=\"file:F1\"; filename=\"say \\\"hi\\\".txt\"", "text/plain",
					"Q".getBytes(StandardCharsets.UTF_8))
			.build();
		assertEnvelope(post(UPLOAD, body), 200,
				ok("{\"name\":\"say \\\"hi\\\".txt\",\"type\":\"text/plain\",\"extra\":{},\"text\":\"Q\",\"other\":null}"));
	}

	@Test
	void answersStreamReadFromTheUpload() {
		byte[] body = new Multipart()
			.manifest("{\"input\":" + sentinel("F1", "{\"name\":\"a.csv\",\"type\":\"text/csv\"}") + "}")
			.file("file:F1", "a.csv", "text/csv", "a,b\n1,2\n")
			.build();
		Reply reply = post("/__runner/task/app.tasks.echoFile", body);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("content-type")).isEqualTo("text/csv");
		assertThat(reply.header("transfer-encoding")).isEqualTo("chunked");
		assertThat(reply.text()).isEqualTo("a,b\n1,2\n");
	}

	@Test
	void refusesFileSentinelInJsonMode() {
		Reply reply = server.post("/__runner/task/app.tasks.toDisk", "{\"input\":" + F1_DOC + "}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.text()).contains("\"code\":\"INVALID_INPUT\"");
	}

}
