package org.cogateway.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cogateway.Gateway;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Bytes posted to the gateway exactly as written (java.net.http, no SOAP stack on the client), for
 * requests a well-behaved client would never produce: hostile XML, hand-made envelopes, the samples.
 */
public final class RawSoap {
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    public static final String BO = "urn:cogateway:backoffice:1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RawSoap() {
    }

    public record Response(int status, String contentType, String body) {
        /** The code of the contract's GatewayFaultDetail, or null when the answer carries none. */
        public String faultCode() {
            return detailText("Code");
        }

        public String faultMessage() {
            return detailText("Message");
        }

        /**
         * The SOAP fault code's local name: {@code Client} or {@code Server} for SOAP 1.1 (faultcode),
         * {@code Sender} or {@code Receiver} for SOAP 1.2 (Code/Value); null when the answer is no fault.
         */
        public String soapFaultCode() {
            String code = text("faultcode");
            if (code == null) {
                NodeList values = parse().getElementsByTagNameNS("http://www.w3.org/2003/05/soap-envelope", "Value");
                code = values.getLength() == 0 ? null : values.item(0).getTextContent();
            }
            return code == null ? null : code.substring(code.indexOf(':') + 1).trim();
        }

        /** The text of the first element with this local name anywhere in the answer, or null. */
        public String text(String localName) {
            NodeList nodes = parse().getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        /**
         * Every Finding of the answer (fault detail or response) as "SEVERITY CODE PATH", in order;
         * fails when a finding has no message, since people act on it.
         */
        public java.util.List<String> findings() {
            NodeList nodes = parse().getElementsByTagNameNS(BO, "Finding");
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element f = (Element) nodes.item(i);
                String message = child(f, "Message");
                if (message == null || message.isBlank()) {
                    throw new AssertionError("a finding without a message in " + body);
                }
                out.add(child(f, "Severity") + " " + child(f, "Code") + " " + child(f, "Path"));
            }
            return out;
        }

        private static String child(Element parent, String localName) {
            NodeList c = parent.getElementsByTagNameNS(BO, localName);
            return c.getLength() == 0 ? null : c.item(0).getTextContent();
        }

        public NodeList elements(String localName) {
            return parse().getElementsByTagNameNS("*", localName);
        }

        private String detailText(String child) {
            NodeList details = parse().getElementsByTagNameNS(BO, "GatewayFaultDetail");
            if (details.getLength() == 0) {
                return null;
            }
            NodeList c = ((Element) details.item(0)).getElementsByTagNameNS(BO, child);
            return c.getLength() == 0 ? null : c.item(0).getTextContent();
        }

        private Document parse() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("the gateway's answer is not XML: " + body, e);
            }
        }
    }

    public static Response post(Gateway gateway, String path, String contentType, byte[] body) {
        return post(gateway, path, contentType, body, false);
    }

    /**
     * As {@link #post(Gateway, String, String, byte[])}; {@code expectContinue}: the body only after the
     * gateway's 100 Continue, as a client sending a large body does. A gateway that refuses the request
     * by its declared length answers at once and closes, and without this a client still writing the
     * body may find the connection reset before it reads that answer.
     */
    public static Response post(Gateway gateway, String path, String contentType, byte[] body, boolean expectContinue) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .expectContinue(expectContinue)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request, path);
    }

    private static Response send(HttpRequest request, String path) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts without a declared length (chunked), as a client streaming its request would. */
    public static Response postStreamed(Gateway gateway, String path, String contentType,
                                        java.util.function.Supplier<java.io.InputStream> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build();
        return send(request, path);
    }

    /** A SOAP 1.1 request to /services/co, as {@code text/xml}. */
    public static Response post11(Gateway gateway, String envelope) {
        return post(gateway, BackOfficeClient.SOAP11_PATH, "text/xml; charset=UTF-8",
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A SubmitCertificateRequest (prefix {@code bo}) for the valid sample CO numbered {@code certificateNumber};
     * the number is put in as text, so it may also be an entity reference.
     */
    public static String submitBody(String certificateNumber) {
        String xml = org.cogateway.validation.SampleCertificate.valid().set("co:CertificateNumber", "PLACEHOLDER").toXml()
                .replace("PLACEHOLDER", certificateNumber);
        return "<bo:SubmitCertificateRequest>" + xml + "</bo:SubmitCertificateRequest>";
    }

    /** A SOAP 1.1 envelope with a PasswordText UsernameToken around {@code bodyXml}. */
    public static String envelope(String user, String password, String bodyXml) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:bo=\"" + BO + "\">"
                + "<soap:Header><wsse:Security xmlns:wsse=\"" + WSSE + "\" soap:mustUnderstand=\"1\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"" + PASSWORD_TEXT + "\">" + password + "</wsse:Password>"
                + "</wsse:UsernameToken></wsse:Security></soap:Header>"
                + "<soap:Body>" + bodyXml + "</soap:Body></soap:Envelope>";
    }
}
