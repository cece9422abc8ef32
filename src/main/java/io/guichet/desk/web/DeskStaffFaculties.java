package io.guichet.desk.web;

import io.guichet.desk.DeskService;
import io.guichet.desk.Faculty;
import io.guichet.identity.Staff;
import io.guichet.inbox.StaffFaculties;

import java.util.List;
import java.util.Optional;

/** The desk's faculties offered by the staff form (the inbox's port): a faculty account is bound to one of them. */
public final class DeskStaffFaculties implements StaffFaculties {
    private final DeskService desk;

    public DeskStaffFaculties(DeskService desk) {
        this.desk = desk;
    }

    @Override
    public List<Choice> findChoices() {
        return desk.findFaculties().stream().map(f -> new Choice(f.code(), f.name())).toList();
    }

    @Override
    public Optional<String> findFacultyOf(long staffId) {
        return desk.findFaculties().stream().filter(f -> desk.findFacultiesOf(staffId).contains(f.id())).map(Faculty::code).findFirst();
    }

    @Override
    public void doSetFaculty(Staff admin, long staffId, String code) {
        desk.doSetFacultyOfMember(admin, code, staffId);
    }
}
