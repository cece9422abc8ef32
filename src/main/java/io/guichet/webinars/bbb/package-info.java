/**
 * The BigBlueButton API as webinars use it (private to the module in spirit; the root package's {@code WebinarRooms}
 * is its one user): {@link io.guichet.webinars.bbb.BbbSettings} ({@code GUICHET_BBB_URL}, {@code GUICHET_BBB_SECRET},
 * {@code GUICHET_BBB_CHECKSUM}), {@link io.guichet.webinars.bbb.Checksum}, {@link io.guichet.webinars.bbb.BbbClient}
 * and the recording-ready callback's JWT ({@link io.guichet.webinars.bbb.RecordingReady}).
 */
package io.guichet.webinars.bbb;
