package org.cogateway.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.security.KeyChecks;
import org.cogateway.security.TlsContexts;
import org.cogateway.store.Database;

/**
 * What {@code serve} checks before it starts anything, and {@code config check} without serving:
 * keys and certificates, each partner's TLS set-up, the database within {@code db.connectTimeout},
 * the listener's address. Every problem is one line naming the setting and the fix.
 */
final class StartChecks {
    private StartChecks() {
    }

    static List<String> problems(GatewayConfig config) {
        List<String> problems = new ArrayList<>(KeyChecks.problems(config, Instant.now()));
        if (problems.isEmpty()) {
            try {
                TlsContexts tls = new TlsContexts(config.tls(), new GatewayCrypto(config.keys()));
                for (Partner partner : config.partners().all()) {
                    tls.clientContext(partner);
                }
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        String database = Database.probe(config.database());
        if (database != null) {
            problems.add(database);
        }
        String listener = listener(config.http());
        if (listener != null) {
            problems.add(listener);
        }
        return problems;
    }

    /** Null when the listener's address can be bound now, else why not. */
    private static String listener(GatewayConfig.Http http) {
        InetAddress address;
        try {
            address = InetAddress.getByName(http.host());
        } catch (UnknownHostException e) {
            return "setting 'http.host': '" + http.host() + "' is not a known host name or address: correct http.host";
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, http.port()));
            return null;
        } catch (IOException e) {
            return "setting 'http.port': cannot listen on " + http.host() + ":" + http.port() + " (" + e.getMessage()
                    + "): another program (or gateway) uses it, or the address is not this machine's: stop it or "
                    + "choose another http.port / http.host";
        }
    }
}
