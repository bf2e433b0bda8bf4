package dev.runner.spring;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Lets Jackson bind a {@link RunnerFile} field, list element or map value of an input type: the runner passes the
 * hydrated file as an embedded object, which is taken as it is. Anything else is not a file.
 */
final class RunnerFileDeserializer extends ValueDeserializer<RunnerFile> {

	@Override
	public RunnerFile deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT
				&& parser.getEmbeddedObject() instanceof RunnerFile file) {
			return file;
		}
		return (RunnerFile) context.handleUnexpectedToken(RunnerFile.class, parser);
	}

}
