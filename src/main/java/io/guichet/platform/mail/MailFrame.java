package io.guichet.platform.mail;

import io.guichet.platform.web.Messages.Localizer;

/**
 * What every mail template draws around its own content: the institution's name and logo, the words in the
 * mail's language, the recipient's name, the subject, and the unsubscribe link (null on a transactional mail).
 */
public record MailFrame(Localizer t, String institution, String logo, String publicUrl, String toName, String subject,
                        String unsubscribeUrl) {
}
