package org.cogateway.admin;

import java.util.Locale;

/** What an operator may do: {@code viewer} reads, {@code admin} also acts (resend, ping) and manages users. */
public enum AdminRole {
    ADMIN, VIEWER;

    public boolean mayAct() {
        return this == ADMIN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AdminRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw AdminException.badRequest("role must be admin or viewer, not '" + value + "'");
        }
    }
}
