package org.cogateway.security;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import org.cogateway.partner.Partner;

/** Turns a failed TLS handshake with a partner into a reason an operator can act on. */
public final class TlsFailure {
    private TlsFailure() {
    }

    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** A reason starting with "TLS:" that names the certificate problem, or the alert the partner sent. */
    public static String describe(Throwable e, Partner partner) {
        String host = partner.endpoint().getHost();
        String settings = "partner." + partner.id() + ".tls.";
        String alert = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return "TLS: the server certificate of " + host + " is outside its validity period: " + t.getMessage();
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "TLS: the server certificate of " + host + " is not trusted (no chain to "
                        + (partner.tls().trustCertAlias() != null
                                ? "certificate '" + partner.tls().trustCertAlias() + "' of " + settings + "trustCertAlias"
                                : "a certificate of the gateway truststore")
                        + "): " + t.getMessage();
            }
            if (t instanceof CertificateException) {
                return "TLS: the server certificate of " + host + " is not acceptable: " + t.getMessage();
            }
            if (alert == null && t.getMessage() != null && t.getMessage().contains("fatal alert")) {
                alert = t.getMessage();
            }
        }
        if (alert != null && (alert.contains("certificate") || alert.contains("handshake_failure"))) {
            return "TLS: " + host + " refused the connection (" + alert + "): it requires a client certificate it"
                    + " trusts; check " + settings + "clientCertificate and the gateway's TLS client key";
        }
        return "TLS: handshake with " + host + " failed: " + (alert != null ? alert : e.toString());
    }
}
