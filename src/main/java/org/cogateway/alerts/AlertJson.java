package org.cogateway.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body a webhook receives: one flat object of strings (and the alert's numeric id), with
 * null for what is not known. Written here because the object is this small; the escaping is
 * RFC 8259's: quotation mark, reverse solidus and every control character.
 */
final class AlertJson {
    private AlertJson() {
    }

    static String of(Alert alert, String gateway) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", alert.kind().name());
        fields.put("phase", alert.phase().name());
        fields.put("gateway", gateway);
        fields.put("node", alert.nodeId());
        fields.put("raisedAt", alert.raisedAt().toString());
        fields.put("partner", alert.partnerId());
        fields.put("messageId", alert.messageId());
        fields.put("trackingId", alert.transmissionId());
        fields.put("certificateNumber", alert.certificateNumber());
        fields.put("x509Certificate", alert.x509Certificate());
        fields.put("summary", alert.summary());
        StringBuilder json = new StringBuilder("{\"id\":").append(alert.id());
        fields.forEach((name, value) -> {
            json.append(",\"").append(name).append("\":");
            if (value == null) {
                json.append("null");
            } else {
                string(json, value);
            }
        });
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }
}
