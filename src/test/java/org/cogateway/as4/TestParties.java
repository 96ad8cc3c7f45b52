package org.cogateway.as4;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.Profile;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.security.GatewayCrypto;

/** The two sample gateways (JP, ID) of keystores-sample, and the broken keys of the tests. */
public final class TestParties {
    public static final String PARTY_TYPE = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";
    public static final Path SAMPLES = Path.of("keystores-sample");
    public static final Path TEST_KEYS = Path.of("src/test/resources/keys");

    public static final GatewayConfig.Identity JP = new GatewayConfig.Identity("JP-GW", PARTY_TYPE, "JP", "Japan (SAMPLE)");
    public static final GatewayConfig.Identity ID = new GatewayConfig.Identity("ID-GW", PARTY_TYPE, "ID", "Indonesia (SAMPLE)");

    private TestParties() {
    }

    /** JP's keys: RSA (as4-1.15) and Ed25519/X25519 (as4-2.0). */
    public static GatewayCrypto jpCrypto() {
        return new GatewayCrypto(new GatewayConfig.KeyMaterial(SAMPLES.resolve("jp.p12"), "sample-jp", "jp", "sample-jp",
                SAMPLES.resolve("jp-truststore.p12"), "sample-jp", "jp-ed25519", "jp-x25519"));
    }

    public static GatewayCrypto idCrypto() {
        return new GatewayCrypto(new GatewayConfig.KeyMaterial(SAMPLES.resolve("id.p12"), "sample-id", "id", "sample-id",
                SAMPLES.resolve("id-truststore.p12"), "sample-id", "id-ed25519", "id-x25519"));
    }

    /** ID's name and JP's truststore, with a key from {@code file} (e.g. rogue.p12, id-expired.p12). */
    public static GatewayCrypto idImpostor(Path keystore, String password, String alias) {
        return crypto(keystore, password, alias, SAMPLES.resolve("id-truststore.p12"));
    }

    static GatewayCrypto crypto(Path keystore, String password, String alias, Path truststore) {
        String trustPassword = truststore.getFileName().toString().startsWith("jp") ? "sample-jp" : "sample-id";
        return new GatewayCrypto(new GatewayConfig.KeyMaterial(keystore, password, alias, password,
                truststore, trustPassword));
    }

    /** JP as ID's partner: signs with alias jp of ID's truststore, listens on {@code endpoint}. */
    static Partner jpPartner(URI endpoint) {
        return partner("JP", "JP", "JP-GW", "jp", endpoint);
    }

    static Partner idPartner(URI endpoint) {
        return partner("ID", "ID", "ID-GW", "id", endpoint);
    }

    static Partner partner(String id, String country, String partyId, String certAlias, URI endpoint) {
        return new Partner(id, id + " gateway", country, partyId, PARTY_TYPE, endpoint, Set.of("JIEPA"),
                certAlias, certAlias, RetryPolicy.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** The same partner on the eDelivery AS4 2.0 profile: its Ed25519 and X25519 certificates (truststore aliases). */
    static Partner on20(Partner partner) {
        String alias = partner.signingCertAlias();
        return partner.withProfile(Profile.AS4_2_0, alias + "-ed25519", alias + "-x25519");
    }

    static PartnerDirectory directory(Partner... partners) {
        return new PartnerDirectory(java.util.List.of(partners));
    }
}
