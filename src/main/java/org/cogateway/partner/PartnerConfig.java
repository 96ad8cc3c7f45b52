package org.cogateway.partner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cogateway.config.ConfigException;
import org.cogateway.config.Durations;
import org.cogateway.config.Settings;

/**
 * Reads the partner agreements from the configuration: every key {@code partner.<id>.<setting>}
 * describes partner {@code <id>}. The README's "Partners" section documents each setting.
 */
public final class PartnerConfig {
    static final String DEFAULT_PARTY_ID_TYPE = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

    private PartnerConfig() {
    }

    public static PartnerDirectory load(Settings settings) {
        List<Partner> partners = new ArrayList<>();
        for (String id : settings.groupIds("partner.")) {
            partners.add(partner(settings, id));
        }
        try {
            return new PartnerDirectory(partners);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Partner partner(Settings s, String id) {
        String p = "partner." + id + ".";
        String country = s.require(p + "country");
        String signingAlias = s.require(p + "signingCertAlias");
        RetryPolicy d = RetryPolicy.DEFAULT;
        RetryPolicy retry = new RetryPolicy(
                s.integer(p + "retry.maxAttempts", d.maxAttempts()),
                Durations.get(s, p + "retry.initialBackoff", d.initialBackoff()),
                Durations.get(s, p + "retry.maxBackoff", d.maxBackoff()),
                Durations.get(s, p + "retry.maxAge", d.maxAge()));
        if (retry.maxAttempts() < 1) {
            throw new ConfigException("setting '" + p + "retry.maxAttempts' must be at least 1");
        }
        return new Partner(
                id,
                s.string(p + "name", id),
                country,
                s.require(p + "partyId"),
                s.string(p + "partyIdType", DEFAULT_PARTY_ID_TYPE),
                Settings.parseUrl(p + "endpoint", s.require(p + "endpoint")),
                csv(s.require(p + "agreements")),
                signingAlias,
                s.string(p + "encryptionCertAlias", signingAlias),
                retry,
                Durations.get(s, p + "connectTimeout", Duration.ofSeconds(10)),
                Durations.get(s, p + "readTimeout", Duration.ofSeconds(60)),
                new Partner.Tls(s.optional(p + "tls.trustCertAlias").orElse(null),
                        s.bool(p + "tls.clientCertificate", false)),
                s.optional(p + "profile").map(v -> Profile.parse(p + "profile", v)).orElse(Profile.AS4_1_15));
    }

    private static Set<String> csv(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
