package io.guichet.channels.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The new text of answers as real mail clients write them, in French and English. */
class ReplyTrimmerTest {
    @Test
    void gmailInFrenchWithTheAttributionWrappedOverTwoLines() {
        String mail = """
                Merci beaucoup! Je vais envoyer mon relevé demain.

                Zoé

                Le lun. 1 déc. 2026 à 21 h 39, Élodie Tremblay · Cégep de Sainte-Foy <
                guichet@cegep.qc.ca> a écrit :

                > Bonjour Zoé,
                > C’est le 1er mars.
                """;
        assertThat(ReplyTrimmer.trimText(mail)).isEqualTo("Merci beaucoup! Je vais envoyer mon relevé demain.\n\nZoé");
    }

    @Test
    void gmailAndAppleMailInEnglish() {
        assertThat(ReplyTrimmer.trimText("Thanks, that helps.\n\nOn Mon, Dec 1, 2026 at 9:39 PM Élodie Tremblay <guichet@cegep.qc.ca> wrote:\n> Hello\n"))
                .isEqualTo("Thanks, that helps.");
        assertThat(ReplyTrimmer.trimText("Perfect.\n\nSent from my iPhone\n\n> On Dec 1, 2026, at 21:39, Élodie wrote:\n> Hello"))
                .isEqualTo("Perfect.");
    }

    @Test
    void outlookBlocksInBothLanguages() {
        assertThat(ReplyTrimmer.trimText("""
                D’accord, merci.

                -----Message d'origine-----
                De : Élodie Tremblay <guichet@cegep.qc.ca>
                Envoyé : 1 décembre 2026 21:39
                Objet : Re: Votre question — Admissions
                """)).isEqualTo("D’accord, merci.");
        assertThat(ReplyTrimmer.trimText("""
                Got it.

                ________________________________
                From: Élodie Tremblay <guichet@cegep.qc.ca>
                Sent: Monday, December 1, 2026 9:39 PM
                To: Liam O’Connor
                Subject: Re: Your question — Admissions
                """)).isEqualTo("Got it.");
        assertThat(ReplyTrimmer.trimText("Oui.\n\nDe : Élodie Tremblay\nEnvoyé : lundi\nÀ : moi\n\nBonjour")).isEqualTo("Oui.");
    }

    @Test
    void quotedLinesAndSignaturesGoWhatTheVisitorWroteStays() {
        assertThat(ReplyTrimmer.trimText("> Quelle date?\nLe 3 mars, je crois.\n> Et l’heure?\nÀ 9 h.\n-- \nZoé Lévesque\n514 555-0101"))
                .isEqualTo("Le 3 mars, je crois.\nÀ 9 h.");
        assertThat(ReplyTrimmer.trimText("Le programme me plaît : je m’inscris.")).as("a line that starts with « Le » is not an attribution")
                .isEqualTo("Le programme me plaît : je m’inscris.");
    }

    @Test
    void htmlOnlyMailLosesItsQuoteBlocksAndScripts() {
        String gmail = """
                <div dir="ltr">Merci!<br>Et pour la <b>résidence</b>?<script>alert('x')</script></div><br>
                <div class="gmail_quote"><div class="gmail_attr">Le lun. 1 déc. 2026, Élodie a écrit :</div>
                <blockquote class="gmail_quote">Bonjour Zoé</blockquote></div>""";
        assertThat(ReplyTrimmer.trimHtml(gmail)).isEqualTo("Merci!\nEt pour la résidence?");
        String outlook = """
                <html><head><style>p{color:red}</style></head><body><p>Yes, please.</p>
                <div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Élodie</div><div>Hello Liam</div></body></html>""";
        assertThat(ReplyTrimmer.trimHtml(outlook)).isEqualTo("Yes, please.");
    }
}
