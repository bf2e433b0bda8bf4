package dev.runner.spring.socket;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import dev.runner.spring.RunnerChannelAuthorizer;
import dev.runner.spring.RunnerChannels;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerSocket;
import dev.runner.spring.RunnerSocketClosedEvent;
import dev.runner.spring.RunnerSocketConnectedEvent;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.ProfileP;

/**
 * Profile P plus what the socket tests need: a task that never ends, one that tells who called it, chat tasks on
 * {@link RunnerChannels}, an authorizer that refuses {@code secret.*}, and a recorder of socket events.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ProfileP.class, SocketTestApp.SocketTasks.class, SocketTestApp.SocketEvents.class })
class SocketTestApp {

	@Bean
	RunnerChannelAuthorizer secretChannels() {
		return new RunnerChannelAuthorizer() {

			@Override
			public Mono<Boolean> canSubscribe(RunnerSocket socket, String channel) {
				return Mono.just(!channel.startsWith("secret."));
			}

		};
	}

	static class SocketTasks {

		private final RunnerChannels channels;

		SocketTasks(RunnerChannels channels) {
			this.channels = channels;
		}

		@RunnerTask("socket.never")
		Mono<String> never() {
			return Mono.never();
		}

		@RunnerTask("socket.slow")
		Mono<String> slow(String value) {
			return Mono.delay(Duration.ofMillis(300)).thenReturn(value);
		}

		@RunnerTask("socket.whoami")
		Map<String, Object> whoami(RunnerContext context) {
			RunnerSocket socket = context.socket().orElseThrow();
			return Map.of("socketId", socket.id(), "requestId", context.requestId(), "auth",
					socket.authentication().kind().name());
		}

		@RunnerTask("socket.log")
		String log(String line) {
			org.apache.commons.logging.LogFactory.getLog(SocketTasks.class).info(line);
			return line;
		}

		@RunnerTask("chat.join")
		Mono<Boolean> join(String room, RunnerContext context) {
			RunnerSocket socket = context.socket().orElseThrow();
			socket.attributes().put("room", room);
			return this.channels.subscribe(socket.id(), "chat." + room);
		}

		@RunnerTask("chat.say")
		Mono<Void> say(Map<String, Object> line) {
			return this.channels.publish("chat." + line.get("room"), line);
		}

		@RunnerTask("chat.direct")
		Mono<Boolean> direct(Map<String, Object> message) {
			return this.channels.send((String) message.get("to"), message.get("text"));
		}

	}

	static class SocketEvents {

		final List<Object> seen = new CopyOnWriteArrayList<>();

		@EventListener
		void connected(RunnerSocketConnectedEvent event) {
			this.seen.add("connected " + event.getSocket().id());
		}

		@EventListener
		void closed(RunnerSocketClosedEvent event) {
			this.seen.add("closed " + event.getSocket().id() + " " + event.getCode());
		}

		@RunnerEvent("news.published")
		Map<String, Object> published(Map<String, Object> payload) {
			Map<String, Object> seen = new LinkedHashMap<>();
			seen.put("title", payload.get("title"));
			seen.put("seen", true);
			return seen;
		}

	}

}
