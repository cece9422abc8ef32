package io.guichet.platform.mail;

import io.guichet.platform.web.ApiError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a mail's headers cannot carry is refused before it is queued: no forged header, no address that is not one. */
class OutgoingMailTest {
    static final MailBody BODY = MailBody.written("Bonjour.");

    static OutgoingMail mail(String to, String name, String subject) {
        return OutgoingMail.of(to, name, "fr", Purpose.TRANSACTIONAL, null, subject, BODY);
    }

    @Test
    void badAddressesSubjectsAndNamesAreRefusedNamingTheField() {
        for (String to : new String[]{"zoe", "zoe@", "zoe levesque@example.com", "zoe@example.com\r\nBcc: tous@example.com", " zoe@example.com",
                "zoé.lévesque@exemple.québec", "<zoe@example.com>", "Zoé <zoe@example.com>"}) {
            assertThatThrownBy(() -> mail(to, null, "Sujet")).as(to).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.field()).isEqualTo("to");
            });
        }
        assertThatThrownBy(() -> mail("zoe@example.com", null, "Sujet\r\nBcc: tous@example.com"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThatThrownBy(() -> mail("zoe@example.com", null, "  ")).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThatThrownBy(() -> mail("zoe@example.com", "Zoé\nBcc: x", "Sujet"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("toName"));
        assertThatThrownBy(() -> mail("zoe@example.com", null, "Sujet").replyingTo("<a@b>\r\nBcc: x@y", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail("zoe@example.com", null, "Sujet").replyingTo("<a@b>", List.of("<a@b> <c@d>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutgoingMail.of("zoe@example.com", null, "es", Purpose.TRANSACTIONAL, null, "Sujet", BODY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailBody("../etc", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(mail("zoe.levesque+admission@cegep-test.qc.ca", "Zoé « Z » Lévesque", "Réponse à votre question — n° 12").toName())
                .as("accents and quotes in a name are fine: it is encoded").isEqualTo("Zoé « Z » Lévesque");
    }
}
