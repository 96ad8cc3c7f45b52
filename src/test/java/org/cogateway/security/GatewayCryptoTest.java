package org.cogateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

class GatewayCryptoTest {
    static final Path KS = Path.of("keystores-sample/jp.p12");
    static final Path TS = Path.of("keystores-sample/jp-truststore.p12");

    private static GatewayCrypto load(Path ks, String pw, String alias, Path ts) {
        return new GatewayCrypto(new GatewayConfig.KeyMaterial(ks, pw, alias, pw, ts, "sample-jp"));
    }

    @Test
    void theSampleKeysLoadWithTheirChainAndTrustedPartner() {
        GatewayCrypto crypto = load(KS, "sample-jp", "jp", TS);
        assertThat(crypto.ownCertificate().getSubjectX500Principal().getName()).contains("CN=JP-GW");
        assertThat(crypto.certificate("id").getSubjectX500Principal().getName()).contains("CN=ID-GW");
        assertThat(crypto.ownPrivateKey()).isNotNull();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> load(Path.of("nowhere/x.p12"), "sample-jp", "jp", TS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nowhere/x.p12").hasMessageContaining("not found");
    }

    @Test
    void aWrongPasswordIsNamed() {
        assertThatThrownBy(() -> load(KS, "wrong", "jp", TS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("jp.p12").hasMessageContaining("password");
    }

    @Test
    void aWrongKeyAliasListsTheAliasesThatExist() {
        assertThatThrownBy(() -> load(KS, "sample-jp", "japan", TS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'japan'").hasMessageContaining("jp");
    }

    @Test
    void anUnknownTruststoreAliasIsNamed() {
        GatewayCrypto crypto = load(KS, "sample-jp", "jp", TS);
        assertThatThrownBy(() -> crypto.certificate("xx"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'xx'").hasMessageContaining("ca");
    }
}
