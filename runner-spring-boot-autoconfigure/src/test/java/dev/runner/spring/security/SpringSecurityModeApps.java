package dev.runner.spring.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerTask;

/**
 * Applications in {@code runner.auth.mode=spring-security}: tasks guarded by {@code @PreAuthorize}, a route of the
 * application's own, and the keys of a JWT resource server generated here (no external issuer).
 */
final class SpringSecurityModeApps {

	private SpringSecurityModeApps() {
	}

	static class Tasks {

		private final ObjectProvider<Runner> runner;

		Tasks(ObjectProvider<Runner> runner) {
			this.runner = runner;
		}

		@RunnerTask("app.tasks.whoami")
		String whoami(RunnerContext context) {
			return context.authentication().kind() + ":"
					+ context.principal().map(Authentication::getName).orElse("-");
		}

		@PreAuthorize("hasAuthority('SCOPE_admin')")
		@RunnerTask("app.tasks.admin")
		String admin() {
			return "admin ok";
		}

		@PreAuthorize("#owner == authentication.name")
		@RunnerTask("app.tasks.mine")
		Mono<String> mine(String owner) {
			return Mono.just("yours, " + owner);
		}

		/** Calls the admin task in-process, as the caller. */
		@RunnerTask("app.tasks.adminInProcess")
		Mono<Object> adminInProcess() {
			return this.runner.getObject().runTask("app.tasks.admin", null);
		}

		@Bean
		RouterFunction<ServerResponse> hello() {
			return RouterFunctions.route().GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello")).build();
		}

	}

	/**
	 * A JWT resource server configured by Boot from {@code spring.security.oauth2.resourceserver.jwt.public-key-location};
	 * no chain of its own, so Boot's resource server chain guards {@code /hello}.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(Tasks.class)
	static class JwtResourceServer {

	}

	/**
	 * HTTP basic over the application's {@code ReactiveUserDetailsService}.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(Tasks.class)
	static class BasicUsers {

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("alice").password("{noop}alice-pw").authorities("ROLE_USER").build(),
					User.withUsername("root").password("{noop}root-pw").authorities("SCOPE_admin").build());
		}

	}

	/**
	 * An RSA key pair made for the test: the public key in a PEM file for Boot's resource server, the private key to
	 * sign tokens.
	 */
	static final class Keys {

		final Path publicKeyFile;

		private final RSAPrivateKey privateKey;

		private Keys(KeyPair pair, Path publicKeyFile) {
			this.privateKey = (RSAPrivateKey) pair.getPrivate();
			this.publicKeyFile = publicKeyFile;
		}

		static Keys generate() {
			try {
				KeyPair pair = keyPair();
				Path file = Files.createTempFile("runner-jwt", ".pub");
				file.toFile().deleteOnExit();
				Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
				return new Keys(pair, file);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		static KeyPair keyPair() throws NoSuchAlgorithmException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}

		String token(String subject, String scope) {
			return token(subject, scope, Instant.now().plus(Duration.ofMinutes(5)), this.privateKey);
		}

		String expired(String subject) {
			return token(subject, "admin", Instant.now().minus(Duration.ofMinutes(5)), this.privateKey);
		}

		static String token(String subject, String scope, Instant expiry, java.security.PrivateKey key) {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
				.claim("scope", scope)
				.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
				.expirationTime(Date.from(expiry))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			try {
				jwt.sign(new RSASSASigner(key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jwt.serialize();
		}

	}

}
