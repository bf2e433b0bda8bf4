package dev.runner.spring.tunnel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart and octet-stream task requests (tunnel-http.md §3.1, §3.3, §3.4), not served yet: they get a clear 415
 * without the body being read, the task does not run, and the server keeps serving.
 */
class UnsupportedModesIntegrationTests {

	private static final String ADD = "/__runner/task/app.tasks.add";

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileP.class, ProfileP.TOKENS);

	@Test
	void refusesMultipartWithClearErrorThenKeepsServing() {
		byte[] body = new byte[3 * 1024 * 1024];
		assertEnvelope(server.exchange("POST", ADD, body, false, "x-runner-token", "secret", "content-type",
				"Multipart/Form-Data; boundary=XyZ"), 415,
				error("Multipart requests are not supported yet", "UNSUPPORTED_MEDIA_TYPE"));
		assertThat(server.bean(ProfileP.Recorder.class).seen("app.tasks.add")).isEmpty();
		assertEnvelope(server.post(ADD, "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

	@Test
	void refusesOctetStreamWithClearErrorThenKeepsServing() {
		assertEnvelope(server.exchange("POST", ADD, "RAWBYTES".getBytes(), true, "x-runner-token", "secret",
				"content-type", "application/octet-stream; foo=bar"), 415,
				error("Octet-stream requests are not supported yet", "UNSUPPORTED_MEDIA_TYPE"));
		assertEnvelope(server.post(ADD, "{\"input\":{\"a\":1,\"b\":2}}"), 200, ok("3"));
	}

}
