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
        Throwable found = find(e, CertificateExpiredException.class, CertificateNotYetValidException.class);
        if (found != null) {
            return "TLS: the server certificate of " + host + " is outside its validity period: " + found.getMessage();
        }
        found = find(e, CertPathBuilderException.class, CertPathValidatorException.class);
        if (found != null) {
            return "TLS: the server certificate of " + host + " is not trusted (no chain to "
                    + (partner.tls().trustCertAlias() != null
                            ? "certificate '" + partner.tls().trustCertAlias() + "' of " + settings + "trustCertAlias"
                            : "a certificate of the gateway truststore")
                    + "): " + found.getMessage();
        }
        found = find(e, CertificateException.class);
        if (found != null) {
            // e.g. the certificate does not name the host of the endpoint URL
            return "TLS: the server certificate of " + host + " is not acceptable: " + found.getMessage();
        }
        String alert = null;
        for (Throwable t = e; t != null && alert == null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("fatal alert")) {
                alert = t.getMessage();
            }
        }
        if (alert != null && (alert.contains("certificate") || alert.contains("handshake_failure"))) {
            return "TLS: " + host + " refused the connection (" + alert + "): it requires a client certificate it"
                    + " trusts; check " + settings + "clientCertificate and the gateway's TLS client key";
        }
        return "TLS: handshake with " + host + " failed: " + (alert != null ? alert : e.toString());
    }

    @SafeVarargs
    private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
