package org.cogateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;

/** The admin API's JSON: records as objects, times as ISO-8601 UTC strings, nulls left out of objects. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A request body as a JSON object; a 400 when it is not one. */
    static JsonNode object(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw AdminException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw AdminException.badRequest("the request body is not valid JSON");
        }
    }

    /** A text member of a request object, or null. */
    static String text(JsonNode object, String name) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw AdminException.badRequest("'" + name + "' must be a string");
        }
        return v.asText();
    }

    static String required(JsonNode object, String name) {
        String v = text(object, name);
        if (v == null || v.isBlank()) {
            throw AdminException.badRequest("'" + name + "' is required");
        }
        return v;
    }
}
