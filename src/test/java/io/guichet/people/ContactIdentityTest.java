package io.guichet.people;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import io.guichet.platform.web.ApiError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same email, phone or student number arriving through two channels finds the same contact, even at the same moment. */
class ContactIdentityTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static ContactDirectory directory;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withSupervisor();
        var jdbi = node.app.database().jdbi();
        ContactWork nobody = (v, ids) -> Set.of();
        directory = new ContactDirectory(jdbi, new PeopleService(jdbi, nobody, node.app.bus()), ZoneId.of("America/Toronto"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void anEmailSeenByAChannelThenByStaffIsOneContact() {
        ContactDirectory.Joined first = directory.doFindOrCreateByIdentity("email", "Zoe.Levesque@Exemple.ca", "Zoé Lévesque", "fr", "email");
        assertThat(first.created()).isTrue();
        ContactDirectory.Joined again = directory.doFindOrCreateByIdentity("email", "  zoe.levesque@exemple.ca ", null, null, "messenger");
        assertThat(again.created()).isFalse();
        assertThat(again.contact().id()).isEqualTo(first.contact().id());
        assertThat(again.contact().name()).as("what the second channel did not know stays").isEqualTo("Zoé Lévesque");
        Api.Response staff = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Zoé L.", "emails", List.of("ZOE.LEVESQUE@exemple.ca")));
        assertThat(staff.status()).isEqualTo(409);
        assertThat(staff.text("existingId")).isEqualTo(Long.toString(first.contact().id()));
    }

    @Test
    void aPhoneWrittenTwoWaysIsOneIdentity() {
        String id = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "François Côté", "phones", List.of("(450) 555-0123"))).text("id");
        ContactDirectory.Joined sms = directory.doFindOrCreateByIdentity("phone", "+1 450 555 0123", null, null, "sms");
        assertThat(sms.created()).isFalse();
        assertThat(Long.toString(sms.contact().id())).isEqualTo(id);
        assertThat(directory.doFindOrCreateByIdentity("phone", "1-450-555-0123", null, null, "sms").contact().id()).isEqualTo(sms.contact().id());
        String sn = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Étudiante", "studentNumber", "e1234567")).text("id");
        assertThat(Long.toString(directory.doFindOrCreateByIdentity("student_number", "E 1234567", null, null, "import").contact().id())).isEqualTo(sn);
        var system = new io.guichet.identity.Viewer(io.guichet.identity.Staff.SYSTEM, Set.of());
        assertThat(directory.accessByIdentity(system, "phone", "450.555.0123")).map(ContactRecord::name).contains("François Côté");
        assertThat(directory.accessByIdentity(system, "email", "personne@exemple.ca")).isEmpty();
    }

    @Test
    void aMergedContactsIdentityFindsTheSurvivor() {
        ContactDirectory.Joined merged = directory.doFindOrCreateByIdentity("messenger", "psid-4242", "Gabriel", "fr", "messenger");
        String survivor = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Gabriel d'Amours")).text("id");
        node.app.database().jdbi().useHandle(h -> h.execute("UPDATE contacts SET merged_into = ? WHERE id = ?", Long.parseLong(survivor), merged.contact().id()));
        ContactDirectory.Joined found = directory.doFindOrCreateByIdentity("messenger", "psid-4242", null, null, "messenger");
        assertThat(found.created()).isFalse();
        assertThat(Long.toString(found.contact().id())).isEqualTo(survivor);
    }

    @Test
    void twoChannelsSeeingTheSameNewAddressAtOnceMakeOneContact() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                go.await();
                ids.add(directory.doFindOrCreateByIdentity("email", "meme.adresse@exemple.ca", "Même", "fr", "email").contact().id());
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ids).hasSize(1);
    }

    @Test
    void aChannelsBadIdentityIsRefusedNamingIt() {
        assertThatThrownBy(() -> directory.doFindOrCreateByIdentity("email", "pas une adresse", null, null, "email"))
                .isInstanceOf(ApiError.class).hasMessageContaining("email");
        assertThatThrownBy(() -> directory.doFindOrCreateByIdentity("phone", "555-0123", null, null, "sms"))
                .isInstanceOf(ApiError.class).hasMessageContaining("phone");
        assertThatThrownBy(() -> directory.doFindOrCreateByIdentity("visitor", "gv_x", null, null, "widget"))
                .as("a visitor token is never found this way").isInstanceOf(IllegalArgumentException.class);
    }
}
