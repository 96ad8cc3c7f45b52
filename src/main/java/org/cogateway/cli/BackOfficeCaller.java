package org.cogateway.cli;

import jakarta.xml.ws.BindingProvider;
import java.util.Map;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateOfOriginService;

/**
 * A back-office system's view of a gateway: the generated SOAP port with a UsernameToken added to
 * every call by WSS4J, exactly as an issuing body's or a Customs system's client would do it.
 */
public final class BackOfficeCaller {
    private static final CertificateOfOriginService SERVICE = new CertificateOfOriginService();

    private BackOfficeCaller() {
    }

    /** The SOAP 1.1 port of the gateway at {@code baseUrl}, calling as {@code user}. */
    public static CertificateOfOriginPortType port(String baseUrl, String user, String password) {
        CertificateOfOriginPortType port;
        // the generated Service is not safe for concurrent port creation
        synchronized (SERVICE) {
            port = SERVICE.getCertificateOfOriginSoap11Port();
        }
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, baseUrl + BackOfficeService.SOAP11_PATH);
        ClientProxy.getClient(port).getOutInterceptors().add(new WSS4JOutInterceptor(Map.of(
                ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN,
                ConfigurationConstants.USER, user,
                ConfigurationConstants.PASSWORD_TYPE, WSS4JConstants.PW_TEXT,
                ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
                    for (var c : callbacks) {
                        if (c instanceof WSPasswordCallback pc) {
                            pc.setPassword(password);
                        }
                    }
                })));
        return port;
    }
}
