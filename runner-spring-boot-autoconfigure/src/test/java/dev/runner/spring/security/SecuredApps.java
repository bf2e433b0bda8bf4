package dev.runner.spring.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.runner.spring.RunnerTask;

/**
 * Applications with Spring Security, for the tunnel security tests: tasks (one whose id holds a slash), and a route
 * of the application's own at {@code /hello}.
 */
final class SecuredApps {

	private SecuredApps() {
	}

	static class Tasks {

		@RunnerTask("app.tasks.add")
		int add(int[] numbers) {
			return numbers[0] + numbers[1];
		}

		@RunnerTask("app/slashed")
		String slashed(String input) {
			return "got " + input;
		}

		@Bean
		RouterFunction<ServerResponse> hello() {
			return RouterFunctions.route()
				.GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello"))
				.POST("/hello", (request) -> ServerResponse.ok().bodyValue("posted"))
				.build();
		}

	}

	/**
	 * The application's own chain: every exchange authenticated, a login form, CSRF on (Spring Security's defaults).
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(Tasks.class)
	static class WithOwnChain {

		@Bean
		SecurityWebFilterChain applicationChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

	}

	/**
	 * No chain of its own: Boot's default security (Spring Security's fallback chain and a generated user).
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(Tasks.class)
	static class WithBootDefaults {

	}

}
