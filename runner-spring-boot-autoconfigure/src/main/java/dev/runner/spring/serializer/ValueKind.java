package dev.runner.spring.serializer;

/**
 * How {@link TreeEncoder} writes the instances of one class (docs/serializer.md §9.2).
 */
enum ValueKind {

	STRING, CHAR_SEQUENCE, CHARACTER, BOOLEAN, INTEGER, DOUBLE, FLOAT, BIG_INTEGER, BIG_DECIMAL, OTHER_NUMBER, ENUM,

	UNDEFINED, OPTIONAL, OPTIONAL_INT, OPTIONAL_LONG, OPTIONAL_DOUBLE,

	INSTANT, UTIL_DATE, OFFSET_DATE_TIME, ZONED_DATE_TIME, CALENDAR, LOCAL_DATE, LOCAL_DATE_TIME, TO_STRING,

	REGEXP, PATTERN, JSON_NODE, JS_MAP, MAP, SET, COLLECTION, OBJECT_ARRAY,

	BYTE_ARRAY, SHORT_ARRAY, INT_ARRAY, LONG_ARRAY, FLOAT_ARRAY, DOUBLE_ARRAY, CHAR_ARRAY, BOOLEAN_ARRAY, BYTE_BUFFER,

	SYMBOL, ERROR, URL, URL_SEARCH_PARAMS,

	/** A record or POJO whose properties {@link TreeEncoder} reads itself. */
	BEAN,

	/** A type Jackson serializes in a way the walker does not replicate; see {@link JacksonFallback}. */
	JACKSON,

	/** A value of a class that a {@link RunnerTypeCodec} encodes. */
	CUSTOM,

	/** A value that cannot be encoded (function, stream, thread, ...). */
	OPAQUE

}
