package dev.runner.sample;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The same Node, socket, TypeScript and browser checks as {@link NodeClientInteropIntegrationTests}, unchanged, against
 * the sample app serving its tunnel on the direct route (docs/tunnel-http.md §2.6).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "runner.auth.tokens=" + NodeClientInteropIntegrationTests.TOKEN,
				"runner.direct-route.enabled=true" })
@DisabledIfSystemProperty(named = "skip.npm", matches = "true", disabledReason = "built with -Dskip.npm=true")
class DirectRouteInteropIntegrationTests extends NodeClientInteropIntegrationTests {

}
