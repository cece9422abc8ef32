package io.guichet.journeys;

import org.jdbi.v3.core.Handle;

import java.io.OutputStream;
import java.util.Optional;

/**
 * Where applicants' documents are kept. The default ({@code internal.PostgresDocuments}) stores them in PostgreSQL
 * in the caller's transaction, so every node serves them and a document exists only if its step's change commits;
 * an S3-compatible store for large deployments would implement the same four calls (docs/deploy.md).
 */
public interface DocumentStore {
    /** Stores the file as the step's current document (the previous one, if any, is kept but no longer current). */
    Journey.Document put(Handle h, long enrolmentId, String stepKey, String name, String contentType, byte[] data, java.time.Instant at);

    /** The current document of each step of these enrolments, by enrolment and step key (one read for a whole board). */
    java.util.Map<Long, java.util.Map<String, Journey.Document>> current(Handle h, java.util.Collection<Long> enrolmentIds);

    /** The enrolment a document belongs to and its description, if it exists. */
    Optional<Owned> find(Handle h, long documentId);

    /** Copies the document's bytes to {@code out}. */
    void copy(Handle h, long documentId, OutputStream out);

    record Owned(long enrolmentId, String stepKey, Journey.Document document) {
    }
}
