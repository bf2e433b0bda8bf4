package dev.runner.spring.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runner.schema.enabled=false}: both contract paths answer the protocol's 404, tasks are served as before.
 */
class ContractsDisabledIntegrationTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ContractKinds.class, "runner.auth.tokens=secret",
			"runner.schema.enabled=false");

	@Test
	void contractPathsAreNotFound() {
		for (String path : new String[] { "/__runner/schema", "/__runner/types.d.ts" }) {
			TunnelServer.assertEnvelope(server.request("GET", path, null, "x-runner-token", "secret"), 404,
					TunnelServer.error("Not Found", "NOT_FOUND"));
		}
		TunnelServer.assertEnvelope(server.request("GET", "/__runner/schema/x", null, "x-runner-token", "secret"), 404,
				TunnelServer.error("Not Found", "NOT_FOUND"));
		assertThat(server.post("/__runner/task/kinds.maybe", "{\"input\":\"x\"}").status()).isEqualTo(200);
	}

}
