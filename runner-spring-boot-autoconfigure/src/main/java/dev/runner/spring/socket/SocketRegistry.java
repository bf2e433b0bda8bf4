package dev.runner.spring.socket;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The sockets open on this instance: every connection (for heartbeats, limits and shutdown) and the authenticated ones
 * by id (for {@code send} and {@code close}). Socket ids are {@code <instance>-<sequence>}: the instance part is random
 * per start, so ids are unique across instances and name the instance that holds the socket (docs/socket.md §7).
 */
final class SocketRegistry {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private final String instanceId = randomInstanceId();

	private final AtomicLong sequence = new AtomicLong();

	private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();

	private final Map<String, SocketConnection> authenticated = new ConcurrentHashMap<>();

	private final AtomicInteger openCount = new AtomicInteger();

	String instanceId() {
		return this.instanceId;
	}

	/**
	 * Returns whether a socket id names this instance (whether or not the socket is still open).
	 */
	boolean isLocal(String socketId) {
		return socketId.lastIndexOf('-') == this.instanceId.length() && socketId.startsWith(this.instanceId);
	}

	/**
	 * Returns the instance part of a socket id ({@code <instance>-<sequence>}), {@code null} when it has none.
	 */
	static @Nullable String instanceOf(String socketId) {
		int dash = socketId.lastIndexOf('-');
		return (dash > 0) ? socketId.substring(0, dash) : null;
	}

	String nextId() {
		return this.instanceId + "-" + Long.toString(this.sequence.incrementAndGet(), 36);
	}

	/**
	 * Adds an opened connection.
	 * @return whether it fits under {@code maxConnections}; it is added either way, to be closed and removed
	 */
	boolean opened(SocketConnection connection, int maxConnections) {
		this.open.add(connection);
		return this.openCount.incrementAndGet() <= maxConnections;
	}

	void authenticated(SocketConnection connection) {
		this.authenticated.put(connection.id(), connection);
	}

	/**
	 * Removes a connection that ended.
	 * @return whether it was authenticated
	 */
	boolean ended(SocketConnection connection) {
		if (this.open.remove(connection)) {
			this.openCount.decrementAndGet();
		}
		return this.authenticated.remove(connection.id(), connection);
	}

	@Nullable SocketConnection socket(String id) {
		return this.authenticated.get(id);
	}

	/** Every open connection, authenticated or not. */
	Collection<SocketConnection> connections() {
		return this.open;
	}

	/** The authenticated sockets. */
	Collection<SocketConnection> sockets() {
		return this.authenticated.values();
	}

	int openCount() {
		return this.openCount.get();
	}

	private static String randomInstanceId() {
		SecureRandom random = new SecureRandom();
		char[] id = new char[10];
		for (int i = 0; i < id.length; i++) {
			id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(id);
	}

}
