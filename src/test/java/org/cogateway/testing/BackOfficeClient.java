package org.cogateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.xml.ws.BindingProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.action.Action;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateOfOriginService;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GatewayFaultDetail;

/**
 * A back-office system calling a running gateway over HTTP: the generated JAX-WS port, with CXF's
 * WSS4J interceptor adding the security header a real caller would send (a UsernameToken, or an
 * X.509 signature over the Body), or none at all.
 */
public final class BackOfficeClient {
    public static final String SOAP11_PATH = "/services/co";
    public static final String SOAP12_PATH = "/services/co12";
    private static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final CertificateOfOriginService SERVICE = new CertificateOfOriginService();

    private BackOfficeClient() {
    }

    /** A UsernameToken with the password as text, over SOAP 1.1: what the demo callers send. */
    public static CertificateOfOriginPortType as(Gateway gateway, String user, String password) {
        return withPassword(gateway, SOAP11_PATH, user, password, WSS4JConstants.PW_TEXT);
    }

    /** The same over the SOAP 1.2 endpoint. */
    public static CertificateOfOriginPortType soap12As(Gateway gateway, String user, String password) {
        return withPassword(gateway, SOAP12_PATH, user, password, WSS4JConstants.PW_TEXT);
    }

    /** A UsernameToken with a password digest, which a gateway storing only hashes cannot check. */
    public static CertificateOfOriginPortType withDigest(Gateway gateway, String user, String password) {
        return withPassword(gateway, SOAP11_PATH, user, password, WSS4JConstants.PW_DIGEST);
    }

    /** No Security header at all. */
    public static CertificateOfOriginPortType anonymous(Gateway gateway) {
        return port(gateway, SOAP11_PATH, null);
    }

    /**
     * The Body and a wsu:Timestamp (on the gateway's clock) signed with the key {@code alias} of a
     * PKCS#12 file (the key password is the store's), as a signing caller must send them.
     */
    public static CertificateOfOriginPortType signedWith(Gateway gateway, Path p12, String password, String alias) {
        Map<String, Object> out = signature(p12, password, alias);
        timestamped(out, gateway);
        out.put(ConfigurationConstants.SIGNATURE_PARTS, "{}{" + SOAP11_NS + "}Body;{}{" + WSU_NS + "}Timestamp");
        return port(gateway, SOAP11_PATH, out);
    }

    /**
     * A valid signature by jp-chamber's trusted key that covers only a Timestamp, not the Body: it
     * proves nothing about the request, so it must not authenticate it.
     */
    public static CertificateOfOriginPortType chamberSigningOnlyATimestamp(Gateway gateway) {
        Map<String, Object> out = signature(TestGateways.KEYS.resolve("jp-chamber.p12"), "sample-jp-chamber", "jp-chamber");
        timestamped(out, gateway);
        out.put(ConfigurationConstants.SIGNATURE_PARTS, "{}{" + WSU_NS + "}Timestamp");
        return port(gateway, SOAP11_PATH, out);
    }

    /** Adds a wsu:Timestamp before the signature, created by the gateway's clock rather than this machine's. */
    private static void timestamped(Map<String, Object> out, Gateway gateway) {
        Clock clock = TestGateways.clockOf(gateway);
        out.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        Action stamp = (handler, token, data) -> {
            WSSecTimestamp ts = new WSSecTimestamp(data.getSecHeader());
            ts.setIdAllocator(data.getWssConfig().getIdAllocator());
            ts.setWsTimeSource(clock::instant);
            ts.setTimeToLive(data.getTimeStampTTL());
            ts.build();
        };
        out.put("wss4j.action.map", Map.of(WSConstants.TS, stamp));
    }

    private static Map<String, Object> signature(Path p12, String password, String alias) {
        Map<String, Object> out = new HashMap<>();
        out.put(ConfigurationConstants.ACTION, ConfigurationConstants.SIGNATURE);
        out.put(ConfigurationConstants.USER, alias);
        out.put(ConfigurationConstants.SIG_PROP_REF_ID, "testSigningCrypto");
        out.put("testSigningCrypto", merlin(p12, password));
        out.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        out.put(ConfigurationConstants.PW_CALLBACK_REF, passwordCallback(password));
        return out;
    }

    /** The Body signed by jp-chamber's sample key, which the JP gateway's truststore trusts. */
    public static CertificateOfOriginPortType signedByChamber(Gateway gateway) {
        return signedWith(gateway, TestGateways.KEYS.resolve("jp-chamber.p12"), "sample-jp-chamber", "jp-chamber");
    }

    /** The port made to trust the demo CA, which signed the sample TLS keys: for a gateway listening on HTTPS. */
    public static CertificateOfOriginPortType trustingTheDemoCa(CertificateOfOriginPortType port) {
        try (InputStream in = Files.newInputStream(TestGateways.KEYS.resolve("ca.crt"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            org.apache.cxf.configuration.jsse.TLSClientParameters tls =
                    new org.apache.cxf.configuration.jsse.TLSClientParameters();
            tls.setTrustManagers(tmf.getTrustManagers());
            ((org.apache.cxf.transport.http.HTTPConduit) ClientProxy.getClient(port).getConduit())
                    .setTlsClientParameters(tls);
            return port;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the demo CA", e);
        }
    }

    /** The contract fault a call ends with; fails the test when the call succeeds or fails otherwise. */
    public static GatewayFaultDetail faultOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call's outcome").isInstanceOf(GatewayFault.class);
        GatewayFaultDetail detail = ((GatewayFault) thrown).getFaultInfo();
        assertThat(detail).as("GatewayFaultDetail of " + thrown.getMessage()).isNotNull();
        return detail;
    }

    private static CertificateOfOriginPortType withPassword(Gateway gateway, String path, String user, String password,
                                                            String type) {
        Map<String, Object> out = new HashMap<>();
        out.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        out.put(ConfigurationConstants.USER, user);
        out.put(ConfigurationConstants.PASSWORD_TYPE, type);
        out.put(ConfigurationConstants.PW_CALLBACK_REF, passwordCallback(password));
        return port(gateway, path, out);
    }

    private static CertificateOfOriginPortType port(Gateway gateway, String path, Map<String, Object> security) {
        CertificateOfOriginPortType port;
        synchronized (SERVICE) {
            port = SOAP12_PATH.equals(path) ? SERVICE.getCertificateOfOriginSoap12Port()
                    : SERVICE.getCertificateOfOriginSoap11Port();
        }
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, gateway.baseUrl() + path);
        if (security != null) {
            Client client = ClientProxy.getClient(port);
            client.getOutInterceptors().add(new WSS4JOutInterceptor(security));
        }
        return port;
    }

    private static CallbackHandler passwordCallback(String password) {
        return callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(password);
                }
            }
        };
    }

    private static Merlin merlin(Path p12, String password) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Merlin merlin = new Merlin();
            merlin.setKeyStore(store);
            return merlin;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + p12, e);
        }
    }
}
