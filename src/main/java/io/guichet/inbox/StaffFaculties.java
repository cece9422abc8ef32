package io.guichet.inbox;

import io.guichet.identity.Staff;

import java.util.List;
import java.util.Optional;

/**
 * The faculty a faculty account belongs to, kept by the module that knows faculties (desk). The staff form offers the
 * choice beside the role without knowing what a faculty holds; {@code App} hands it the port.
 */
public interface StaffFaculties {
    StaffFaculties NONE = new StaffFaculties() {
        @Override
        public List<Choice> findChoices() {
            return List.of();
        }

        @Override
        public Optional<String> findFacultyOf(long staffId) {
            return Optional.empty();
        }

        @Override
        public void doSetFaculty(Staff admin, long staffId, String code) {
            throw new IllegalStateException("no module keeps faculties");
        }
    };

    /** A faculty the form may offer: its code and its name. */
    record Choice(String code, String name) {
    }

    /** Every faculty, by name. */
    List<Choice> findChoices();

    /** The code of the account's faculty, if it has one. */
    Optional<String> findFacultyOf(long staffId);

    /** Makes {@code code} the account's one faculty (an unknown code is refused before anything is written). */
    void doSetFaculty(Staff admin, long staffId, String code);
}
