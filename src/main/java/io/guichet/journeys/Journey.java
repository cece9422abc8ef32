package io.guichet.journeys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One applicant's journey as they or staff read it: the enrolment, its template version, each step where it stands. */
public record Journey(Enrolment enrolment, Template template, List<StepStatus> steps) {
    /** An applicant enrolled in a template version; {@code termStart} their own start term, or null for the template's. */
    public record Enrolment(long id, long templateId, long familyId, long contactId, String email, String name, String lang, Instant enrolledAt,
                            LocalDate termStart) {
    }

    /** The term the applicant starts: their own when they were enrolled with one, else their template version's. */
    public LocalDate termStart() {
        return enrolment.termStart() != null ? enrolment.termStart() : template.termStart();
    }

    /** A stored document's description (never its bytes). */
    public record Document(long id, String name, String contentType, int size, String sha256, Instant uploadedAt) {
        public boolean image() {
            return contentType.startsWith("image/");
        }
    }

    public record StepStatus(Template.Step step, StepState state, String reason, LocalDate due, boolean late, Instant changedAt, Document document) {
    }

    /** A reminder mail as sent: when, the keys of the steps it listed, how many of them were late. */
    public record Reminder(Instant sentAt, List<String> steps, int late) {
    }

    /** The first step not done, or null when all are. */
    public StepStatus next() {
        return steps.stream().filter(s -> !s.state().done()).findFirst().orElse(null);
    }

    public long doneCount() {
        return steps.stream().filter(s -> s.state().done()).count();
    }

    public StepStatus step(long stepId) {
        return steps.stream().filter(s -> s.step().id() == stepId).findFirst().orElse(null);
    }
}
