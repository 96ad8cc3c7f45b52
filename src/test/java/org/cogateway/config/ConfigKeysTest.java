package org.cogateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The one list of keys: the reference page matches it, and code cannot read a key it does not declare. */
class ConfigKeysTest {

    @Test
    void theReferencePageIsTheListsOutput() throws IOException {
        // after adding a key: java -jar target/co-gateway.jar config keys > docs/configuration.md
        assertThat(Files.readString(Path.of("docs/configuration.md"), StandardCharsets.UTF_8))
                .isEqualTo(ConfigKeys.reference());
    }

    @Test
    void readingAnUndeclaredKeyFailsLoudly() {
        Settings settings = Settings.of(new Properties());
        assertThatThrownBy(() -> settings.string("http.undeclaredTimeout", "30s"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'http.undeclaredTimeout' is read but not declared")
                .hasMessageContaining("ConfigKeys");
    }

    @Test
    void patternKeysMatchAnyIdButNotAnotherShape() {
        assertThat(ConfigKeys.find("partner.VN.endpoint")).map(ConfigKeys.Key::name).hasValue("partner.<id>.endpoint");
        assertThat(ConfigKeys.find("partner.endpoint")).isEmpty();
        assertThat(ConfigKeys.find("partner.VN.x.endpoint")).isEmpty();
    }

    @Test
    void valuesAreParsedStrictlyWhoeverReadsThem() {
        assertThatThrownBy(() -> settingsWith("partner.VN.retry.maxBackoff", "30 minutes"))
                .hasMessageContaining("setting 'partner.VN.retry.maxBackoff' must be a duration");
        assertThatThrownBy(() -> settingsWith("http.port", "80a"))
                .hasMessageContaining("setting 'http.port' must be a whole number, not '80a'");
        assertThatThrownBy(() -> settingsWith("http.tls.clientAuth", "required"))
                .hasMessageContaining("setting 'http.tls.clientAuth' must be none, want, need, not 'required'");
        assertThatThrownBy(() -> settingsWith("partner.VN.endpoint", "127.0.0.1:8080/as4"))
                .hasMessageContaining("setting 'partner.VN.endpoint' must be an http or https URL with a host");
        assertThatThrownBy(() -> settingsWith("caller.x.country", "XX"))
                .hasMessageContaining("must be an upper-case ISO 3166-1 alpha-2 code such as JP or ID, not 'XX'");
    }

    private static Settings settingsWith(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return Settings.of(p);
    }
}
