package dev.runner.spring.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The application's named {@link RunnerClient}s, one per {@code runner.clients.<name>}, and the maker of the
 * {@link RunnerServiceClient} interfaces that call through them. The starter declares one bean of this type.
 *
 * @since 0.2.0
 */
public final class RunnerClients {

	private final Map<String, RunnerClient> clients;

	/**
	 * Creates the registry.
	 * @param clients the clients by name
	 */
	public RunnerClients(Map<String, RunnerClient> clients) {
		this.clients = Map.copyOf(clients);
	}

	/**
	 * Returns the names of the clients.
	 * @return the names
	 */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * Returns a client.
	 * @param name its name, as in {@code runner.clients.<name>}
	 * @return the client
	 * @throws RunnerClientConfigurationException if no client has that name
	 */
	public RunnerClient get(String name) {
		RunnerClient client = this.clients.get(name);
		if (client == null) {
			throw new RunnerClientConfigurationException(List.of(missing(name)));
		}
		return client;
	}

	/**
	 * Makes an implementation of a {@link RunnerServiceClient} interface calling through the client it names.
	 * @param type the interface
	 * @param <T> its type
	 * @return the implementation
	 * @throws RunnerClientConfigurationException listing every problem of the interface's methods, and its client
	 * when none has its name
	 */
	public <T> T create(Class<T> type) {
		List<String> problems = new ArrayList<>();
		RunnerServiceClient declaration = type.getAnnotation(RunnerServiceClient.class);
		if (!type.isInterface() || declaration == null) {
			throw new RunnerClientConfigurationException(
					List.of(type.getName() + " is not an interface annotated @RunnerServiceClient"));
		}
		RunnerClient client = this.clients.get(declaration.name());
		if (client == null) {
			problems.add(missing(declaration.name()) + " (used by " + type.getName() + ")");
		}
		Map<Method, RemoteMethod> methods = new HashMap<>();
		for (Method method : type.getMethods()) {
			if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
				RemoteMethod remote = RemoteMethod.plan(type, method, problems);
				if (remote != null) {
					methods.put(method, remote);
				}
			}
		}
		if (!problems.isEmpty() || client == null) {
			throw new RunnerClientConfigurationException(problems);
		}
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new Handler(type, client, methods)));
	}

	private String missing(String name) {
		return "No runner client is named '" + name + "': set runner.clients." + name + ".base-url"
				+ (this.clients.isEmpty() ? "" : " (the clients are " + String.join(", ", this.clients.keySet()) + ")");
	}

	/**
	 * Dispatches the interface's methods to their plans; {@code equals}, {@code hashCode} and {@code toString} are
	 * the proxy's own, default methods run as written.
	 */
	private record Handler(Class<?> type, RunnerClient client, Map<Method, RemoteMethod> methods)
			implements InvocationHandler {

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
				throws Throwable {
			RemoteMethod remote = this.methods.get(method);
			if (remote != null) {
				return remote.invoke(this.client, args);
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			return switch (method.getName()) {
				case "equals" -> args != null && proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				case "toString" -> this.type.getName() + " (runner client '" + this.client.name() + "')";
				default -> throw new UnsupportedOperationException(method.toString());
			};
		}

	}

}
