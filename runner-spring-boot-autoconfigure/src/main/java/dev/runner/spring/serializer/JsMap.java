package dev.runner.spring.serializer;

import java.util.LinkedHashMap;

public class JsMap extends LinkedHashMap<Object, Object> {

}
