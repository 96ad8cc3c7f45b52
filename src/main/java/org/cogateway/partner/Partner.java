package org.cogateway.partner;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One partner gateway and the agreement with it (the P-Mode of ebMS 3.0): who it is, where it
 * listens, which certificates it signs and encrypts with, what may be exchanged, how to retry.
 *
 * @param id                  short local name used in configuration, logs and the back-office (e.g. {@code ID})
 * @param country             ISO 3166-1 alpha-2 country the partner serves; COs to that country go to it
 * @param partyId             the partner's ebMS PartyId
 * @param partyIdType         the PartyId's type attribute (a URN), as agreed with the partner
 * @param endpoint            the partner's AS4 endpoint URL
 * @param agreements          trade agreements whose COs may be exchanged with it (JIEPA, ...)
 * @param signingCertAlias    alias, in the gateway's truststore, of the certificate the partner signs with
 * @param encryptionCertAlias alias, in the gateway's truststore, of the certificate to encrypt for the partner
 * @param retry               how the outbound worker retries deliveries to this partner
 * @param connectTimeout      TCP connect timeout towards the partner
 * @param readTimeout         how long to wait for the synchronous receipt
 * @param tls                 how to verify the partner's HTTPS endpoint and whether to present a client certificate
 * @param profile             the eDelivery AS4 profile agreed with it: the algorithms used for it and accepted from it
 */
public record Partner(
        String id,
        String name,
        String country,
        String partyId,
        String partyIdType,
        URI endpoint,
        Set<String> agreements,
        String signingCertAlias,
        String encryptionCertAlias,
        RetryPolicy retry,
        Duration connectTimeout,
        Duration readTimeout,
        Tls tls,
        Profile profile) {

    public Partner {
        agreements = Set.copyOf(agreements);
        tls = tls != null ? tls : Tls.DEFAULT;
        profile = profile != null ? profile : Profile.AS4_1_15;
    }

    /** A partner on the default profile (eDelivery AS4 1.15). */
    public Partner(String id, String name, String country, String partyId, String partyIdType, URI endpoint,
                   Set<String> agreements, String signingCertAlias, String encryptionCertAlias, RetryPolicy retry,
                   Duration connectTimeout, Duration readTimeout, Tls tls) {
        this(id, name, country, partyId, partyIdType, endpoint, agreements, signingCertAlias, encryptionCertAlias,
                retry, connectTimeout, readTimeout, tls, Profile.AS4_1_15);
    }

    /** A partner with the default TLS settings (gateway truststore, no client certificate). */
    public Partner(String id, String name, String country, String partyId, String partyIdType, URI endpoint,
                   Set<String> agreements, String signingCertAlias, String encryptionCertAlias, RetryPolicy retry,
                   Duration connectTimeout, Duration readTimeout) {
        this(id, name, country, partyId, partyIdType, endpoint, agreements, signingCertAlias, encryptionCertAlias,
                retry, connectTimeout, readTimeout, Tls.DEFAULT, Profile.AS4_1_15);
    }

    /** The same agreement under another profile (with the certificates that profile needs). */
    public Partner withProfile(Profile other, String otherSigningCertAlias, String otherEncryptionCertAlias) {
        return new Partner(id, name, country, partyId, partyIdType, endpoint, agreements, otherSigningCertAlias,
                otherEncryptionCertAlias, retry, connectTimeout, readTimeout, tls, other);
    }

    /**
     * TLS towards the partner's HTTPS endpoint (hostname verification is always on).
     *
     * @param trustCertAlias    alias, in the gateway's truststore, of the one certificate (a CA or the
     *                          partner's server certificate) its server certificate must chain to;
     *                          null: any certificate of the gateway's truststore
     * @param clientCertificate whether to present the gateway's TLS client key (mutual TLS)
     */
    public record Tls(String trustCertAlias, boolean clientCertificate) {
        public static final Tls DEFAULT = new Tls(null, false);
    }

    public boolean allowsAgreement(String agreement) {
        return agreements.contains(agreement);
    }
}
