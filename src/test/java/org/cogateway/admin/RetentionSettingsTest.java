package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** Retention is off unless configured, and a wrong setting stops the start naming its key. */
class RetentionSettingsTest {
    private static Properties settings() {
        return GatewayProperties.jp(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", TestDatabases.fresh());
    }

    @Test
    void offByDefaultAndReadWhenSet() {
        GatewayConfig.Retention defaults = GatewayConfig.from(Settings.of(settings())).admin().retention();
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.batchSize()).isEqualTo(500);

        Properties p = settings();
        p.setProperty("retention.olderThan", "400d");
        p.setProperty("retention.interval", "6h");
        p.setProperty("retention.batchSize", "100");
        GatewayConfig.Retention set = GatewayConfig.from(Settings.of(p)).admin().retention();
        assertThat(set).isEqualTo(new GatewayConfig.Retention(Duration.ofDays(400), Duration.ofHours(6), 100));
        assertThat(set.enabled()).isTrue();
    }

    @Test
    void wrongSettingsStopTheStartNamingTheKey() {
        Properties p = settings();
        p.setProperty("retention.olderThan", "a year");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting 'retention.olderThan' must be a duration");
        p.setProperty("retention.olderThan", "400d");
        p.setProperty("retention.interval", "0s");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessage("setting 'retention.interval' must be longer than 0");
        p.setProperty("retention.interval", "1d");
        p.setProperty("retention.batchSize", "0");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessage("setting 'retention.batchSize' must be at least 1, not 0");
    }
}
