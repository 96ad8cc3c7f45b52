package org.cogateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;

/** Reads the gateway's truststore into the form WSS4J verifies signatures with. */
public final class TrustStores {
    private TrustStores() {
    }

    public static Crypto crypto(GatewayConfig.KeyMaterial keys) {
        try (InputStream in = Files.newInputStream(keys.truststore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, keys.truststorePassword().toCharArray());
            Merlin merlin = new Merlin();
            merlin.setTrustStore(store);
            return merlin;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read the truststore " + keys.truststore() + ": " + e.getMessage());
        }
    }
}
