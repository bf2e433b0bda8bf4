package dev.runner.spring;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * One open, authenticated WebSocket of the runner socket protocol (docs/socket.md). A handler called over the socket
 * receives it through {@link RunnerContext#socket()}; {@link RunnerChannels#sockets()} lists those open on this
 * instance.
 *
 * @since 0.1.0
 */
public interface RunnerSocket {

	/**
	 * Returns the socket's id, as the {@code ready} frame gave it to the client (docs/socket.md §1): opaque, unique
	 * across instances, naming the instance that holds the socket.
	 * @return the id
	 */
	String id();

	/**
	 * Returns what authenticated the socket: the token or validator of the upgrade request or of the {@code auth}
	 * frame.
	 * @return the authentication
	 */
	RunnerAuthentication authentication();

	/**
	 * Returns the headers of the upgrade request (read-only).
	 * @return the headers
	 */
	HttpHeaders headers();

	/**
	 * Returns the client's address.
	 * @return the address, or {@code null} when the server does not know it
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * Returns the channels the socket subscribes to, at the time of the call.
	 * @return a snapshot of the channel names
	 */
	Set<String> channels();

	/**
	 * Returns the attributes of the socket: a concurrent map that the application owns (the runner never reads it),
	 * alive as long as the socket.
	 * @return the attributes
	 */
	ConcurrentMap<String, Object> attributes();

}
