package org.cogateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cogateway.config.ConfigException;
import org.cogateway.config.Settings;

/** Reads the back-office callers: keys {@code caller.<id>.role|country|passwordHash|certificateSubject}. */
public final class CallerConfig {
    private CallerConfig() {
    }

    public static List<Caller> load(Settings s) {
        List<Caller> callers = new ArrayList<>();
        for (String id : s.groupIds("caller.")) {
            String p = "caller." + id + ".";
            String roleName = s.require(p + "role");
            Role role;
            try {
                role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("setting '" + p + "role' must be ISSUING_BODY or CUSTOMS, not '" + roleName + "'");
            }
            String hash = s.optional(p + "passwordHash").orElse(null);
            String subject = s.optional(p + "certificateSubject").orElse(null);
            if (hash == null && subject == null) {
                throw new ConfigException("caller '" + id + "' needs " + p + "passwordHash or " + p
                        + "certificateSubject, or it could never authenticate");
            }
            if (hash != null && !PasswordHasher.isHash(hash)) {
                throw new ConfigException("setting '" + p + "passwordHash' is not a hash made by "
                        + "'co-gateway keys hash-password'");
            }
            callers.add(new Caller(id, role, s.require(p + "country"), hash, subject));
        }
        return List.copyOf(callers);
    }
}
