package org.cogateway.partner;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.cogateway.config.ConfigException;

/**
 * The eDelivery AS4 profile agreed with a partner, which fixes the algorithms of everything the
 * gateway signs for it and encrypts for it, and the only ones it accepts from it. The algorithms
 * themselves are in the AS4 layer (as4.As4Security); this names the choice of the agreement.
 */
public enum Profile {
    /** eDelivery AS4 1.15: RSA-SHA256 signatures, RSA-OAEP key transport, AES-128-GCM. */
    AS4_1_15("as4-1.15"),
    /** eDelivery AS4 2.0: EdDSA Ed25519 signatures, X25519 key agreement with HKDF and AES-128 key wrap, AES-128-GCM. */
    AS4_2_0("as4-2.0");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    /** The value of {@code partner.<id>.profile}. */
    public String id() {
        return id;
    }

    /** Reads a setting's value; an unknown one is refused naming the setting and the known values. */
    public static Profile parse(String setting, String value) {
        return Arrays.stream(values()).filter(p -> p.id.equals(value.trim())).findFirst()
                .orElseThrow(() -> new ConfigException("setting '" + setting + "': unknown profile '" + value
                        + "' (known: " + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
