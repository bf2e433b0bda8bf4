package dev.runner.spring.serializer;

public final class JsUndefined {

	public static final JsUndefined INSTANCE = new JsUndefined();

	private JsUndefined() {
	}

}
