package io.guichet.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guichet.identity.internal.OidcClient;
import io.guichet.identity.internal.SignInFailure;
import io.guichet.testing.Api;
import io.guichet.testing.CasStandIn;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Staff sign in through two OpenID Connect providers (mock-oauth2-server on loopback) and a CAS 3.0 stand-in:
 * just-in-time accounts from group mappings, refusals, a wrong state, a replayed nonce, forged and expired ID
 * tokens, removal from the group, deprovisioning, sign-out at the provider, local passwords switched off.
 */
class SingleSignOnTest {
    static final String CLIENT = "guichet-cegep";
    static MockOAuth2Server oidc;
    static CasStandIn cas;
    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        oidc = new MockOAuth2Server();
        oidc.start();
        cas = new CasStandIn();
        node = TestNode.start(TestDatabases.fresh(), Map.ofEntries(
                Map.entry("GUICHET_OIDC_PROVIDERS", "entra,google"),
                Map.entry("GUICHET_OIDC_ENTRA_ISSUER", oidc.issuerUrl("entra").toString()),
                Map.entry("GUICHET_OIDC_ENTRA_CLIENT_ID", CLIENT),
                Map.entry("GUICHET_OIDC_ENTRA_CLIENT_SECRET", "secret-entra"),
                Map.entry("GUICHET_OIDC_ENTRA_LABEL", "Microsoft 365"),
                Map.entry("GUICHET_OIDC_GOOGLE_ISSUER", oidc.issuerUrl("google").toString()),
                Map.entry("GUICHET_OIDC_GOOGLE_CLIENT_ID", CLIENT),
                Map.entry("GUICHET_OIDC_GOOGLE_CLIENT_SECRET", "secret-google"),
                Map.entry("GUICHET_OIDC_GOOGLE_LABEL", "Google Workspace"),
                Map.entry("GUICHET_CAS_URL", cas.url()),
                Map.entry("GUICHET_CAS_LABEL", "CAS de l’université"),
                Map.entry("GUICHET_SSO_EMAIL_DOMAINS", "cegep-test.qc.ca"),
                Map.entry("GUICHET_SSO_ROLES", "guichet-superviseurs=supervisor;guichet-agents=agent"),
                Map.entry("GUICHET_SSO_SERVICES", "personnel-admissions=admissions;personnel-ti=soutien-informatique"),
                Map.entry("GUICHET_LOCAL_LOGIN", "off")));
        api = node.api();
        String admin = api.adminToken(); // the break-glass administrator keeps their password
        api.createService(admin, "admissions", "Admissions");
        api.createService(admin, "soutien-informatique", "Soutien informatique");
        // Discovery once per provider before the tests: on a loaded machine the mock server's first answers are slow
        // (a discovery that timed out is tried again at the next sign-in, as a person would retry)
        for (String provider : List.of("entra", "google")) {
            int status = 0;
            for (int attempt = 0; attempt < 3 && status != 302; attempt++) status = new FormBrowser(node.baseUrl()).get("/login/sso/" + provider).statusCode();
            assertThat(status).isEqualTo(302);
        }
    }

    @AfterAll
    static void stop() {
        node.close();
        cas.close();
        oidc.shutdown();
    }

    /** The provider will say this person signed in (mock-oauth2-server answers the next token request with it). */
    static void nextAtProvider(String issuer, String subject, String email, String name, List<String> groups) {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, "JWT", List.of(CLIENT),
                Map.of("email", email, "name", name, "groups", groups), 3600));
    }

    /**
     * The whole round trip as this person: Guichet → provider → Guichet's callback; the callback's answer. The provider
     * is told who signs in only once Guichet has sent the browser there, so a failed start leaves nobody queued.
     */
    static HttpResponse<String> signIn(FormBrowser browser, String provider, String subject, String email, String name, List<String> groups) {
        HttpResponse<String> toProvider = browser.get("/login/sso/" + provider + "?next=/console/contacts");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        nextAtProvider(provider, subject, email, name, groups);
        HttpResponse<String> back = browser.follow(toProvider);
        assertThat(back.statusCode()).as("the mock provider signs in at once").isEqualTo(302);
        return browser.follow(back);
    }

    static Map<String, Object> account(String email) {
        return node.app.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT role, active, sso_provider, password_hash IS NULL AS no_password FROM staff WHERE email = :e")
                .bind("e", email).mapToMap().findOne().orElse(Map.of()));
    }

    @Test
    void theLoginPageOffersEachProviderAndFoldsThePasswordAway() {
        String page = new FormBrowser(node.baseUrl()).get("/login").body();
        assertThat(page).contains("Se connecter avec Microsoft 365", "Se connecter avec Google Workspace", "Se connecter avec CAS de l’université",
                "href=\"/login/sso/entra?next=%2Fconsole\"", "<summary>Accès d’urgence de l’administrateur</summary>");
    }

    @Test
    void aFirstSignInMakesTheAccountWithItsRoleAndServicesFromTheGroups() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        HttpResponse<String> landed = signIn(browser, "entra", "entra-élodie", "elodie@cegep-test.qc.ca", "Élodie Tremblay", List.of("guichet-agents", "personnel-admissions"));
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location")).hasValue("/console/contacts");
        assertThat(browser.get("/console").body()).contains("Élodie Tremblay");
        assertThat(account("elodie@cegep-test.qc.ca")).containsEntry("role", "agent").containsEntry("sso_provider", "entra")
                .containsEntry("no_password", true);
        long id = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM staff WHERE email = 'elodie@cegep-test.qc.ca'").mapTo(Long.class).one());
        List<String> services = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT s.slug FROM service_members a JOIN services s ON s.id = a.service_id WHERE a.staff_id = :id").bind("id", id).mapTo(String.class).list());
        assertThat(services).containsExactly("admissions");

        // promoted at the provider: the next sign-in makes her a supervisor, the same account
        assertThat(signIn(new FormBrowser(node.baseUrl()), "entra", "entra-élodie", "elodie@cegep-test.qc.ca", "Élodie Tremblay", List.of("guichet-superviseurs")).statusCode()).isEqualTo(302);
        assertThat(account("elodie@cegep-test.qc.ca")).containsEntry("role", "supervisor");
        int accounts = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM staff WHERE email = 'elodie@cegep-test.qc.ca'")
                .mapTo(Integer.class).one());
        assertThat(accounts).isEqualTo(1);
    }

    @Test
    void someoneTheRulesDoNotAdmitReadsWhomToAsk() {
        HttpResponse<String> refused = signIn(new FormBrowser(node.baseUrl()), "google", "google-zoé", "zoe@gmail.com", "Zoé Lévesque", List.of("guichet-agents"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Votre compte (zoe@gmail.com) n’est pas autorisé à utiliser Guichet.",
                "le service informatique de votre établissement");
        assertThat(signIn(new FormBrowser(node.baseUrl()), "google", "google-rémi", "remi@cegep-test.qc.ca", "Rémi Caron", List.of("étudiants")).statusCode()).as("in the domain, in no mapped group").isEqualTo(403);
        assertThat(account("remi@cegep-test.qc.ca")).isEmpty();
    }

    @Test
    void aWrongStateAUsedStateAndAReplayedNonceAreRefused() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        HttpResponse<String> forged = browser.get("/login/sso/entra/callback?code=abc&state=pas-le-bon");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("La connexion n’a pas abouti");

        HttpResponse<String> started = browser.get("/login/sso/entra?next=/console");
        nextAtProvider("entra", "entra-françois", "francois@cegep-test.qc.ca", "François Gagnon", List.of("guichet-agents"));
        HttpResponse<String> back = browser.follow(started);
        String callback = back.headers().firstValue("Location").orElseThrow();
        assertThat(browser.getUrl(callback).statusCode()).isEqualTo(302);
        assertThat(browser.getUrl(callback).statusCode()).as("the same callback again").isEqualTo(401);

        // A second sign-in whose provider round trip carries the first one's nonce: the ID token names the wrong nonce.
        String first = browser.get("/login/sso/entra?next=/console").headers().firstValue("Location").orElseThrow();
        String second = browser.get("/login/sso/entra?next=/console").headers().firstValue("Location").orElseThrow();
        String replayed = second.replaceFirst("nonce=[^&]+", "nonce=" + param(first, "nonce"));
        nextAtProvider("entra", "entra-françois", "francois@cegep-test.qc.ca", "François Gagnon", List.of("guichet-agents"));
        HttpResponse<String> refused = browser.follow(browser.getUrl(replayed));
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void aForgedAnExpiredOrAnotherAudiencesIdTokenIsRefused() throws Exception {
        var settings = new SsoSettings.Oidc("entra", "Microsoft 365", oidc.issuerUrl("entra").toString(), CLIENT, "s", "groups");
        OidcClient client = new OidcClient(settings);
        client.start(URI.create("http://localhost/cb")); // discovery
        String issuer = oidc.issuerUrl("entra").toString();
        SignedJWT good = oidc.issueToken("entra", CLIENT, new DefaultOAuth2TokenCallback("entra", "s1", "JWT", List.of(CLIENT),
                Map.of("nonce", "n-1", "email", "noemie@cegep-test.qc.ca"), 300));
        assertThat(client.validate(good, "n-1").identity().email()).isEqualTo("noemie@cegep-test.qc.ca");
        assertThatThrownBy(() -> client.validate(good, "n-2")).as("another nonce").isInstanceOf(SignInFailure.class);

        SignedJWT expired = oidc.issueToken("entra", CLIENT, new DefaultOAuth2TokenCallback("entra", "s1", "JWT", List.of(CLIENT),
                Map.of("nonce", "n-1"), -600));
        assertThatThrownBy(() -> client.validate(expired, "n-1")).isInstanceOf(SignInFailure.class);

        SignedJWT elsewhere = oidc.issueToken("entra", CLIENT, new DefaultOAuth2TokenCallback("entra", "s1", "JWT", List.of("une-autre-appli"),
                Map.of("nonce", "n-1"), 300));
        assertThatThrownBy(() -> client.validate(elsewhere, "n-1")).as("another audience").isInstanceOf(SignInFailure.class);

        RSAKey attacker = new RSAKeyGenerator(2048).keyID(good.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT).subject("s1").claim("nonce", "n-1")
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build());
        forged.sign(new RSASSASigner(attacker));
        assertThatThrownBy(() -> client.validate(forged, "n-1")).as("signed with a key not in the JWKS").isInstanceOf(SignInFailure.class);
    }

    @Test
    void removedFromTheGroupAnAccountLosesItsAccessAtTheNextSignInAndItsSessionsEnd() {
        FormBrowser monday = new FormBrowser(node.baseUrl());
        assertThat(signIn(monday, "google", "google-noémie", "noemie@cegep-test.qc.ca", "Noémie Côté", List.of("guichet-agents", "personnel-ti")).statusCode()).isEqualTo(302);
        assertThat(monday.get("/console").statusCode()).isEqualTo(200);
        try (var socket = api.socket("/ws/agent?token=" + monday.cookie("guichet_session"))) {
            assertThat(signIn(new FormBrowser(node.baseUrl()), "google", "google-noémie", "noemie@cegep-test.qc.ca", "Noémie Côté", List.of("anciens-employés")).statusCode()).isEqualTo(403);
            assertThat(account("noemie@cegep-test.qc.ca")).containsEntry("active", false);
            assertThat(monday.get("/console").statusCode()).as("Monday's session ended too").isEqualTo(302);
            var closed = socket.next("closed", 5);
            assertThat(closed).as("her console's socket closes").isNotNull();
            assertThat(closed.path("code").asInt()).isEqualTo(4401);
        }
    }

    @Test
    void anAccountNotSeenAtItsProviderForThirtyDaysIsSwitchedOff() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        assertThat(signIn(browser, "entra", "entra-jérôme", "jerome@cegep-test.qc.ca", "Jérôme Bélanger", List.of("guichet-superviseurs")).statusCode()).isEqualTo(302);
        node.app.database().jdbi().useHandle(h -> h.execute("UPDATE staff SET last_seen_at = now() - interval '31 days' WHERE email = 'jerome@cegep-test.qc.ca'"));
        assertThat(node.app.sso().doDeprovisionStale()).isGreaterThanOrEqualTo(1);
        assertThat(account("jerome@cegep-test.qc.ca")).containsEntry("active", false);
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void signingOutEndsTheSessionThenTheProvidersThroughRpInitiatedLogout() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        signIn(browser, "entra", "entra-agathe", "agathe@cegep-test.qc.ca", "Agathe Paré", List.of("guichet-agents"));
        browser.get("/console");
        HttpResponse<String> out = browser.post("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        String to = out.headers().firstValue("Location").orElseThrow();
        assertThat(to).startsWith(oidc.endSessionEndpointUrl("entra").toString()).contains("client_id=" + CLIENT, "id_token_hint=")
                .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(node.baseUrl() + "/login", StandardCharsets.UTF_8));
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void throughCasTooWithItsAttributes() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        cas.nextUser("mlaroche", Map.of("mail", List.of("marc.laroche@cegep-test.qc.ca"), "displayName", List.of("Marc Laroche"),
                "memberOf", List.of("guichet-agents", "personnel-admissions")));
        HttpResponse<String> toCas = browser.get("/login/cas?next=/console");
        assertThat(toCas.headers().firstValue("Location").orElseThrow()).startsWith(cas.url() + "/login?service=");
        HttpResponse<String> back = browser.follow(toCas);
        String callback = back.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> landed = browser.getUrl(callback);
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(browser.get("/console").body()).contains("Marc Laroche");
        assertThat(account("marc.laroche@cegep-test.qc.ca")).containsEntry("sso_provider", "cas").containsEntry("role", "agent");
        assertThat(browser.getUrl(callback).statusCode()).as("a ticket and a state work once").isEqualTo(401);
        browser.get("/console");
        assertThat(browser.post("/logout", Map.of()).headers().firstValue("Location").orElseThrow()).startsWith(cas.url() + "/logout?service=");
    }

    @Test
    void withLocalPasswordsOffOnlyTheBreakGlassAdministratorUsesOne() {
        String admin = api.adminToken();
        var made = api.post("/api/v1/staff", admin, Map.of("email", "locale@cegep-test.qc.ca", "name", "Compte local", "password", "un-mot-de-passe-long",
                "role", "agent", "services", List.of(), "maxConcurrent", 2));
        assertThat(made.status()).isEqualTo(201);
        var refused = api.post("/api/v1/auth/login", null, Map.of("email", "locale@cegep-test.qc.ca", "password", "un-mot-de-passe-long"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(api.adminToken()).startsWith("gs_");
    }

    private static String param(String url, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertThat(m.find()).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
}
