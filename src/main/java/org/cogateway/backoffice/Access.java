package org.cogateway.backoffice;

import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.store.CertificateEntity;

/**
 * Who may see and do what. An issuing body works on the certificates it submitted; Customs on the
 * certificates addressed to its country. A certificate the caller may not see is answered as not
 * found, so that nobody learns of other callers' certificates by probing.
 */
final class Access {
    private Access() {
    }

    static void requireRole(Caller caller, Role role, String operation) {
        if (caller.role() != role) {
            throw new BackOfficeException(FaultCode.NOT_AUTHORIZED,
                    operation + " is for " + describe(role) + "; caller '" + caller.id() + "' is " + describe(caller.role()));
        }
    }

    static boolean canSee(Caller caller, CertificateEntity c) {
        return switch (caller.role()) {
            case ISSUING_BODY -> c.direction() == CertificateEntity.Direction.OUTBOUND && c.owner().equals(caller.id());
            case CUSTOMS -> c.direction() == CertificateEntity.Direction.INBOUND && c.importCountry().equals(caller.country());
        };
    }

    /** The direction of the certificates a caller works on. */
    static CertificateEntity.Direction directionOf(Caller caller) {
        return caller.role() == Role.ISSUING_BODY ? CertificateEntity.Direction.OUTBOUND : CertificateEntity.Direction.INBOUND;
    }

    private static String describe(Role role) {
        return role == Role.ISSUING_BODY ? "an issuing body" : "Customs";
    }
}
