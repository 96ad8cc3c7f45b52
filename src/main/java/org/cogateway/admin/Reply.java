package org.cogateway.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an admin operation answers: status, media type, body, extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Reply json(Object value) {
        return json(200, value);
    }

    static Reply json(int status, Object value) {
        return new Reply(status, "application/json", Json.write(value), Map.of());
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A stored message body, offered as a file. */
    static Reply download(byte[] body, String fileName, String contentType) {
        return new Reply(200, contentType, body, Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }

    /** 303: the browser GETs {@code location} next (after a refusal of a console page, the login page). */
    static Reply redirect(String location) {
        return new Reply(303, "text/plain", new byte[0], Map.of("Location", location));
    }

    static Reply error(int status, String message) {
        return json(status, Map.of("error", message, "status", status));
    }

    Reply with(String header, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(header, value);
        return new Reply(status, contentType, body, all);
    }
}
