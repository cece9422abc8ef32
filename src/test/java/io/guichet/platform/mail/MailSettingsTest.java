package io.guichet.platform.mail;

import io.guichet.platform.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GUICHET_SMTP_URL and the other mail settings: what is accepted, and a refusal that names the setting and never shows the password. */
class MailSettingsTest {
    static MailSettings of(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return MailSettings.from(Config.load(env, new String[0]));
    }

    @Test
    void smtpWithStartTlsSmtpsAndNone() {
        MailSettings.Smtp s = of("GUICHET_SMTP_URL", "smtp://guichet%40cegep.qc.ca:p%40ss+w:rd@mail.cegep.qc.ca:587?starttls=true").smtp();
        assertThat(s).isEqualTo(new MailSettings.Smtp("mail.cegep.qc.ca", 587, false, true, "guichet@cegep.qc.ca", "p@ss+w:rd"));
        assertThat(s.toString()).doesNotContain("p@ss");
        assertThat(of("GUICHET_SMTP_URL", "smtps://u:secret@smtp.office365.com").smtp())
                .isEqualTo(new MailSettings.Smtp("smtp.office365.com", 465, true, false, "u", "secret"));
        assertThat(of("GUICHET_SMTP_URL", "smtp://relay.cegep.qc.ca:25").smtp().user()).isNull();
        MailSettings none = of();
        assertThat(none.delivers()).isFalse();
        assertThat(none.ratePerMinute()).isEqualTo(600);
        assertThat(none.from()).isEqualTo("guichet@localhost");
        assertThat(none.host()).isEqualTo("localhost");
        assertThat(of("GUICHET_PUBLIC_URL", "https://guichet.cegep.qc.ca/").publicUrl()).isEqualTo("https://guichet.cegep.qc.ca");
    }

    @Test
    void aMalformedValueStopsTheStartNamingItWithoutThePassword() {
        for (String bad : new String[]{"http://u:TopSecret1@mail:25", "smtp://u:TopSecret1@mail:25/path", "smtp://u:TopSecret1@mail:25?tls=yes",
                "smtp://u:TopSecret1@mail:25?starttls=maybe", "smtp://u:TopSecret1@:25", "smtp://u:TopSecret1@mail^:25"}) {
            assertThatThrownBy(() -> of("GUICHET_SMTP_URL", bad)).as(bad).isInstanceOf(Config.InvalidSetting.class)
                    .hasMessageContaining("GUICHET_SMTP_URL").hasMessageNotContaining("TopSecret1");
        }
        assertThatThrownBy(() -> of("GUICHET_MAIL_FROM", "pas une adresse")).hasMessageContaining("GUICHET_MAIL_FROM");
        assertThatThrownBy(() -> of("GUICHET_MAIL_RATE", "0")).hasMessageContaining("GUICHET_MAIL_RATE");
        assertThatThrownBy(() -> of("GUICHET_PUBLIC_URL", "guichet.cegep.qc.ca")).hasMessageContaining("GUICHET_PUBLIC_URL");
        assertThatThrownBy(() -> of("GUICHET_INSTITUTION_LOGO", "javascript:alert(1)")).hasMessageContaining("GUICHET_INSTITUTION_LOGO");
    }
}
