package dev.runner.spring.serializer;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Binds a {@code java.util.regex.Pattern} from what {@link InputConverter} replays for a decoded {@code RegExp}: the
 * embedded {@link JsRegExp}, compiled with its flags mapped (docs/serializer.md §9.1). A string is compiled as
 * Jackson does it.
 */
final class PatternDeserializer extends StdScalarDeserializer<Pattern> {

	PatternDeserializer() {
		super(Pattern.class);
	}

	@Override
	public Pattern deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
			Object embedded = parser.getEmbeddedObject();
			if (embedded instanceof Pattern pattern) {
				return pattern;
			}
			if (embedded instanceof JsRegExp regExp) {
				return compile(regExp.source(), regExp, context);
			}
		}
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return compile(parser.getString(), null, context);
		}
		return (Pattern) context.handleUnexpectedToken(Pattern.class, parser);
	}

	private static Pattern compile(String source, @Nullable JsRegExp regExp, DeserializationContext context) {
		try {
			return (regExp != null) ? regExp.toPattern() : Pattern.compile(source);
		}
		catch (PatternSyntaxException ex) {
			throw context.weirdStringException(source, Pattern.class, "not a valid regular expression");
		}
	}

}
