package io.guichet.people.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the timeline section, the duplicates box and the merge comparison receive: plain values in the reader's language. */
public final class MergeViews {
    /** One entry: when, which module (a label and a class for its colour), the sentence, and the thing's address (or null). */
    public record TimelineItem(String iso, String when, String module, String moduleLabel, String text, String href) {
    }

    /** The contact page's timeline section, newest first; {@code moreUrl} fetches the next page (null on the last). */
    public record Timeline(Localizer t, long contactId, List<TimelineItem> items, String moreUrl) {
    }

    /** A contact's side of a comparison. */
    public record Side(long id, String name, String href, List<String> kinds, List<String> emails, List<String> phones,
                       String city, String programme, String created, String activity) {
    }

    /** A possible duplicate of the contact on the page: why, and where to compare them side by side. */
    public record Duplicate(Side other, List<String> reasons, String compareUrl) {
    }

    /** A merge into this contact still undoable, until {@code until}. */
    public record UndoableMerge(String mergedName, String mergedAt, String until, String undoUrl) {
    }

    /** The duplicates box of the contact page, for those who may merge ({@code error}: why the last action was refused). */
    public record Duplicates(Localizer t, String csrf, long contactId, List<Duplicate> duplicates, List<UndoableMerge> merges,
                             String notice, String error) {
    }

    /** The comparison before a merge: the contact kept on the left, the one merged into it on the right. */
    public record Compare(StaffShell s, Side kept, Side merged, List<String> reasons, String mergeAction, String dismissAction,
                          String swapUrl, String backUrl) {
    }

    /** A pair on the supervisors' list of possible duplicates: the newer contact, the older (kept by default when merging), why. */
    public record Pair(Side newer, Side older, List<String> reasons, String compareUrl) {
    }

    /** The supervisors' list of every possible duplicate not yet dismissed. */
    public record AllDuplicates(StaffShell s, List<Pair> pairs, String notice) {
    }

    private MergeViews() {
    }
}
