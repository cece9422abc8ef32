package io.guichet.journeys;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's whole path in a real Chromium: on a phone, the applicant opens the link of their mail (through GreenMail),
 * photographs their admission letter (a real JPEG) and asks about it in the chat bubble of their page; the specialist
 * of admissions sees the checklist beside the conversation, opens the document from it and approves it; the
 * applicant's page then says the step is done. Screenshots at 390 and 1440 px, axe-core on every state.
 */
class JourneyBrowserTest {
    static GreenMail smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort()));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        api.createService(cegep.admin, "international", "International");
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
        smtp.stop();
    }

    /** A photo as a phone takes it: a real JPEG, 1200 × 1600, of a page with lines of text. */
    static Path photo() throws Exception {
        BufferedImage img = new BufferedImage(1200, 1600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(238, 236, 228), 1200, 1600, new Color(200, 198, 190)));
        g.fillRect(0, 0, 1200, 1600);
        g.setColor(new Color(40, 40, 60));
        for (int y = 200; y < 1400; y += 60) g.fillRect(150, y, 700 + (y * 7) % 200, 14);
        g.dispose();
        Path file = Files.createTempDirectory("parcours").resolve("lettre d’admission.jpg");
        ImageIO.write(img, "jpeg", file.toFile());
        return file;
    }

    static String linkIn(MimeMessage m) throws Exception {
        String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile("(/parcours/lien/[A-Za-z0-9_\\-.]+)").matcher(text);
        assertThat(link.find()).as("a signed link in the mail").isTrue();
        return link.group(1);
    }

    @Test
    void theApplicantSendsAPhotoFromTheirPhoneAndTheSpecialistApprovesItBesideTheirQuestion() throws Exception {
        var created = api.post("/api/v1/journeys/templates", cegep.jérôme, JourneysTest.template("Étudiant international — automne", JourneysTest.caqSteps()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        long template = created.json().get("id").asLong();
        assertThat(api.post("/api/v1/journeys/enrolments", cegep.jérôme, Map.of("templateId", template,
                "contact", Map.of("email", "aminata.kone@exemple.ci", "name", "Aminata Koné", "lang", "fr"))).status()).isEqualTo(201);
        assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Votre parcours d’admission");
        String link = linkIn(mail);

        List<String> problems = new ArrayList<>();
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA"); BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page console = Browsers.signIn(desk, node.baseUrl(), "/console", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            api.awaitAnswering(Cegep.ADMISSIONS); // Élodie is there: the question is routed to her

            Page page = phone.newPage();
            page.navigate(node.baseUrl() + link);
            page.waitForURL(node.baseUrl() + "/parcours");
            page.waitForSelector("h1:has-text('Bonjour Aminata Koné')");
            Browsers.shoot(page, "journey-parcours-390", problems);
            String letter = page.getAttribute(".pc-step:has(h3:text-is('Lettre d’admission'))", "id");
            assertThat(page.getAttribute("#" + letter + " input[type=file]", "capture")).isEqualTo("environment");

            page.setInputFiles("#" + letter + " input[type=file]", photo());
            page.click("#" + letter + " button[type=submit]");
            page.waitForSelector(".pc-notice:has-text('Votre document a bien été reçu.')");
            assertThat(page.textContent("#" + letter + " .pc-badge")).isEqualTo("Envoyé");
            assertThat(page.textContent("#" + letter + " .pc-doc")).contains("lettre d’admission.jpg");
            Browsers.shoot(page, "journey-parcours-sent-390", problems);

            // The bubble of the page knows her: no name to give, and her question goes to admissions.
            page.waitForFunction("document.querySelector('guichet-widget') !== null");
            page.mouse().click(390 - 50, 844 - 50);
            Frame chat = Browsers.chatPanel(page);
            chat.waitForSelector("#f-body");
            chat.fill("#f-body", "Bonjour, ma lettre d’admission est-elle bien arrivée?");
            chat.click("button[type=submit]");
            chat.waitForSelector("#composer-input");
            Browsers.shoot(page, "journey-parcours-chat-390", problems);

            // Élodie sees the question and, beside it, the checklist with the letter waiting for her.
            console.locator(".conv-list a.conv:has-text('Aminata Koné')").click();
            console.waitForSelector("#messages :text('ma lettre d’admission est-elle bien arrivée?')");
            console.waitForSelector("#contact .contact-panel h3:has-text('Parcours : Étudiant international — automne')");
            assertThat(console.textContent("#contact .contact-panel li:has-text('Lettre d’admission') .panel-state")).isEqualTo("Envoyé");
            assertThat(console.textContent(".thread-sub a.badge-origin")).as("the conversation carries the journey")
                    .isEqualTo("Depuis le parcours « Étudiant international — automne »");
            Browsers.shoot(console, "journey-console-panel-1440", problems);

            // The photo opens from the panel; she approves it there, beside the question, and is back on the thread.
            console.click("#contact .contact-panel a:text-is('Lettre d’admission')");
            console.waitForSelector("#" + letter + " .jr-preview img");
            console.waitForFunction("document.querySelector('#" + letter + " .jr-preview img').naturalWidth === 1200");
            Browsers.shoot(console, "journey-detail-1440", problems);
            console.goBack();
            console.waitForSelector("#contact .contact-panel");
            console.click("#contact .contact-panel button:has-text('Approuver « Lettre d’admission »')");
            console.waitForSelector("#contact .contact-panel li:has-text('Lettre d’admission') .panel-approved");
            assertThat(console.url()).endsWith("/console/c/" + console.getAttribute(".thread", "data-conversation-id"));
            assertThat(console.locator("#contact .contact-panel button").count()).as("nothing left to approve").isZero();
            Browsers.shoot(console, "journey-console-approved-1440", problems);
            console.click("#contact .contact-panel a:text-is('Ouvrir le parcours')");
            console.waitForSelector("#" + letter + " .jr-badge:text-is('Approuvé')");
            Browsers.shoot(console, "journey-detail-approved-1440", problems);

            console.navigate(node.baseUrl() + "/journeys/" + template);
            console.waitForSelector("table.jr-board :text('Aminata Koné')");
            Browsers.shoot(console, "journey-board-1440", problems);
            console.fill("#jr-q", "aminata");
            console.selectOption("#jr-state", "approved");
            console.click(".jr-filters button[type=submit]");
            console.waitForSelector(".jr-count:has-text('1 candidat')");
            console.check("#jr-bulk input[name=inscription]");
            console.click("#jr-bulk button[value=approve]");
            console.waitForSelector(".jr-notice:has-text('Aucun document approuvé')");
            assertThat(console.inputValue("#jr-q")).as("the filters survive the action").isEqualTo("aminata");
            Browsers.shoot(console, "journey-board-bulk-1440", problems);
            console.navigate(node.baseUrl() + "/journeys/" + template + "/numbers");
            console.waitForSelector(".jr-conversion:has-text('Aucun candidat n’a terminé sur 1 inscrit')");
            Browsers.shoot(console, "journey-numbers-1440", problems);
            console.setViewportSize(390, 844);
            Browsers.shoot(console, "journey-numbers-390", problems);
            console.navigate(node.baseUrl() + "/journeys/" + template);
            Browsers.shoot(console, "journey-board-390", problems);
            console.click("table.jr-board a:text-is('Aminata Koné')");
            console.waitForSelector("#" + letter + " .jr-badge:text-is('Approuvé')");
            Browsers.shoot(console, "journey-detail-390", problems);

            page.reload();
            page.waitForSelector("#" + letter + " .pc-badge:text-is('Approuvé')");
            assertThat(page.locator("#" + letter + " input[type=file]").count()).as("nothing more to send").isZero();
            assertThat(page.textContent(".pc-progress")).isEqualTo("1 étape faite sur 3");
            Browsers.shoot(page, "journey-parcours-done-390", problems);
            page.setViewportSize(1440, 900);
            Browsers.shoot(page, "journey-parcours-done-1440", problems);
        }
        assertThat(problems).isEmpty();
        assertThat(smtp.waitForIncomingEmail(20_000, 2)).isTrue();
        assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("Étape approuvée : Lettre d’admission");
    }

    @Test
    void aSupervisorWritesATemplateAndSeesEveryMistakeNextToItsField() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/journeys/new", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            Browsers.shoot(page, "journey-template-new-1440", problems);
            page.fill("#s0-key", "Lettre d’admission");
            page.fill("#s0-titleFr", "Lettre d’admission");
            page.check("input[name='s0.document']");
            page.fill("#s0-maxBytes", "0");
            page.click("button.primary");
            page.waitForSelector("#t-nameFr-err");
            assertThat(page.textContent("#s0-maxBytes-err")).isEqualTo("Entrez un nombre de Ko de 1 à 10240.");
            assertThat(page.textContent("#s0-key-err")).startsWith("Minuscules, chiffres et tirets seulement");
            assertThat(page.textContent("#s0-acceptedTypes-err")).isEqualTo("Cochez au moins un type de document.");
            assertThat(page.inputValue("#s0-titleFr")).as("kept as typed").isEqualTo("Lettre d’admission");
            Browsers.shoot(page, "journey-template-errors-1440", problems);
            page.setViewportSize(390, 844);
            Browsers.shoot(page, "journey-template-errors-390", problems);

            page.fill("#t-nameFr", "Retour aux études — hiver");
            page.fill("#t-nameEn", "Back to school — winter");
            page.fill("#t-term", "2028-01-15");
            page.fill("#s0-key", "lettre");
            page.fill("#s0-titleEn", "Admission letter");
            page.check("input[name='s0.types'][value=pdf]");
            page.fill("#s0-maxBytes", "2048");
            page.click("button[name=addStep]");
            page.waitForSelector("#s1-key");
            page.fill("#s1-key", "arrivee");
            page.fill("#s1-titleFr", "Arrivée");
            page.fill("#s1-titleEn", "Arrival");
            page.click("button.primary");
            page.waitForSelector("h1:has-text('Retour aux études — hiver')");
            assertThat(page.textContent("table.jr-board thead")).contains("Lettre d’admission", "Arrivée");
            page.click("a:text-is('Modifier le modèle')");
            assertThat(page.inputValue("#s0-maxBytes")).as("the limit as saved").isEqualTo("2048");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aSupervisorEnrolsApplicantsFromACsvFileThenPagesThroughTheBoard() throws Exception {
        var created = api.post("/api/v1/journeys/templates", cegep.jérôme, JourneysTest.template("Admission régulière — hiver", JourneysTest.caqSteps()));
        long template = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("Prénom;Nom;Courriel;Langue;Session\n");
        for (int i = 1; i <= 58; i++) csv.append("Étudiant;Numéro %02d;etudiant.%02d@exemple.qc.ca;fr;2028-01-15\n".formatted(i, i));
        csv.append("Inès;Sans adresse;;fr;\nZoé;Lévesque;zoe@@exemple;fr;\nAna;Silva;ana.silva@exemple.br;portugais;\n");
        Path file = Files.createTempDirectory("inscriptions").resolve("candidats hiver.csv");
        Files.write(file, csv.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Path empty = file.resolveSibling("vide.csv");
        Files.write(empty, new byte[0]);

        List<String> problems = new ArrayList<>();
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/journeys/" + template, Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            page.click("a:text-is('Inscrire depuis un fichier CSV')");
            page.waitForSelector("h1:has-text('Inscrire des candidats depuis un fichier CSV')");
            Browsers.shoot(page, "journey-import-1440", problems);
            page.setInputFiles("#jr-file", empty);
            page.click("form.jr-form button[type=submit]");
            page.waitForSelector("#jr-file-error");
            assertThat(page.textContent("#jr-file-error")).startsWith("Le fichier est vide");
            page.setViewportSize(390, 844);
            Browsers.shoot(page, "journey-import-error-390", problems);
            page.setInputFiles("#jr-file", file);
            page.click("form.jr-form button[type=submit]");
            page.waitForSelector(".jr-report");
            assertThat(page.textContent(".jr-report [role=status]")).isEqualTo("58 candidats inscrits, aucun déjà inscrit, 3 lignes refusées");
            assertThat(page.textContent("tr:has-text('ana.silva@exemple.br') .jr-reason")).isEqualTo("Langue « portugais » inconnue : écrivez fr ou en.");
            Browsers.shoot(page, "journey-import-report-390", problems);
            page.setViewportSize(1440, 900);
            Browsers.shoot(page, "journey-import-report-1440", problems);

            page.click("p.jr-back a");
            page.waitForSelector(".jr-count:has-text('58 candidats')");
            assertThat(page.textContent(".jr-pages [aria-current=page]")).isEqualTo("Page 1 sur 2 (candidats 1 à 50)");
            Browsers.shoot(page, "journey-board-paged-1440", problems);
            page.click(".jr-pages a[rel=next]");
            page.waitForSelector(".jr-pages [aria-current=page]:has-text('Page 2 sur 2')");
            assertThat(page.locator("table.jr-board tbody tr").count()).isEqualTo(8);
            page.setViewportSize(390, 844);
            Browsers.shoot(page, "journey-board-paged-390", problems);
        }
        assertThat(problems).isEmpty();
    }
}
