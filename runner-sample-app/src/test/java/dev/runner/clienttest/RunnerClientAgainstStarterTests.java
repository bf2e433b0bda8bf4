package dev.runner.clienttest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Java client's suite against this starter's own server, serving {@link ClientFixtureTasks}.
 */
@SpringBootTest(classes = ClientFixtureApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "runner.auth.tokens=" + RunnerClientContract.TOKEN, "runner.limits.multipart.max-file-size=100MB" })
class RunnerClientAgainstStarterTests extends RunnerClientContract {

	@LocalServerPort
	private int port;

	@Override
	String baseUrl() {
		return "http://127.0.0.1:" + this.port + "/__runner";
	}

}
