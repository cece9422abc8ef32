package io.guichet.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        Config c = Config.load(Map.of(), new String[0]);
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir().toString()).isEqualTo("./guichet-data");
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.demo()).isTrue();
        assertThat(c.rateLimits()).isTrue();
        assertThat(c.timeZone().getId()).isEqualTo("America/Montreal");
    }

    @Test
    void flagsOverrideTheEnvironment() {
        Config c = Config.load(Map.of("GUICHET_PORT", "9000", "GUICHET_DEMO", "false"),
                new String[]{"--port", "9100", "--rate-limits=off", "--data-dir", "/srv/guichet"});
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.demo()).isFalse();
        assertThat(c.rateLimits()).isFalse();
        assertThat(c.dataDir().toString()).isEqualTo("/srv/guichet");
    }

    @Test
    void aBadValueNamesTheSetting() {
        assertThatThrownBy(() -> Config.load(Map.of("GUICHET_PORT", "huit-mille"), new String[0]))
                .hasMessageContaining("GUICHET_PORT").hasMessageContaining("huit-mille");
        assertThatThrownBy(() -> Config.load(Map.of("GUICHET_DEMO", "peut-être"), new String[0]))
                .hasMessageContaining("GUICHET_DEMO");
        assertThatThrownBy(() -> Config.load(Map.of("GUICHET_DATABASE_URL", "mysql://x"), new String[0]))
                .hasMessageContaining("GUICHET_DATABASE_URL");
        assertThatThrownBy(() -> Config.load(Map.of("GUICHET_ADMIN_PASSWORD", "court"), new String[0]))
                .hasMessageContaining("GUICHET_ADMIN_PASSWORD").hasMessageNotContaining("court");
    }
}
