package io.guichet.platform.mail.internal;

import io.guichet.platform.mail.MailSettings;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Properties;

/**
 * One SMTP connection of a sender, opened when first needed and dropped after any failure. It turns a
 * queued mail into a MIME message (multipart/alternative, text then HTML, UTF-8; subject and names
 * encoded per RFC 2047) and tells what the server answered.
 */
public final class Smtp implements AutoCloseable {
    /** What became of one send: delivered, refused for now (try again), refused for good, or no server reached. */
    public enum Result { SENT, TEMPORARY, PERMANENT, DOWN }

    public record Outcome(Result result, String error) {
        static final Outcome SENT = new Outcome(Result.SENT, null);
    }

    private final MailSettings settings;
    private final Session session;
    private Transport transport;

    public Smtp(MailSettings settings) {
        this.settings = settings;
        MailSettings.Smtp s = settings.smtp();
        String p = s.ssl() ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", s.host());
        props.put(p + "port", Integer.toString(s.port()));
        props.put(p + "auth", Boolean.toString(s.user() != null));
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "60000");
        props.put(p + "writetimeout", "60000");
        props.put(p + "localhost", settings.host());
        if (s.startTls()) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (s.ssl()) props.put(p + "ssl.checkserveridentity", "true");
        this.session = Session.getInstance(props);
    }

    public Outcome send(OutboxDao.Claimed mail) {
        MimeMessage message;
        try {
            message = message(mail);
        } catch (MessagingException | UnsupportedEncodingException | IllegalArgumentException e) {
            return new Outcome(Result.PERMANENT, "unusable address or content: " + e.getClass().getSimpleName());
        }
        try {
            if (transport == null || !transport.isConnected()) {
                transport = session.getTransport(settings.smtp().ssl() ? "smtps" : "smtp");
                transport.connect(settings.smtp().user(), settings.smtp().password());
            }
            transport.sendMessage(message, message.getAllRecipients());
            return Outcome.SENT;
        } catch (MessagingException e) {
            close();
            return classify(e);
        } catch (RuntimeException e) {
            close();
            return new Outcome(Result.DOWN, e.getClass().getSimpleName());
        }
    }

    /** By the server's reply code when there is one: 4xx for now, 5xx for good; no reply at all is a server down. */
    private Outcome classify(MessagingException e) {
        int code = code(e);
        if (code == 0 && e instanceof SendFailedException && e.getNextException() instanceof MessagingException next) code = code(next);
        String said = Redaction.of(e, settings);
        if (e instanceof AuthenticationFailedException) return new Outcome(Result.DOWN, "authentication refused: " + said);
        if (code >= 500) return new Outcome(Result.PERMANENT, said);
        if (code >= 400) return new Outcome(Result.TEMPORARY, said);
        return new Outcome(Result.DOWN, said);
    }

    private static int code(MessagingException e) {
        if (e instanceof SMTPSendFailedException f) return f.getReturnCode();
        if (e instanceof SMTPAddressFailedException f) return f.getReturnCode();
        return 0;
    }

    private MimeMessage message(OutboxDao.Claimed mail) throws MessagingException, UnsupportedEncodingException {
        String messageId = mail.messageId();
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId); // fixed at queue time: a re-send carries the same one
            }
        };
        m.setFrom(new InternetAddress(settings.from(), mail.fromName() == null ? settings.institutionName() : mail.fromName(), "UTF-8"));
        if (mail.replyTo() != null) m.setReplyTo(new Address[]{new InternetAddress(mail.replyTo(), true)});
        InternetAddress to = new InternetAddress(mail.to(), true);
        if (mail.toName() != null) to.setPersonal(mail.toName(), "UTF-8");
        m.setRecipients(Message.RecipientType.TO, new Address[]{to});
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(new Date());
        if (mail.inReplyTo() != null) m.setHeader("In-Reply-To", mail.inReplyTo());
        if (mail.refs() != null) m.setHeader("References", mail.refs());
        if (mail.urgent()) { // what mail clients read as urgent (RFC 2156's Priority, Outlook's Importance, X-Priority)
            m.setHeader("Priority", "urgent");
            m.setHeader("Importance", "high");
            m.setHeader("X-Priority", "1");
        }
        if (mail.unsubscribeUrl() != null) {
            m.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        if (mail.attachments().isEmpty()) {
            m.setContent(alternative);
        } else {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeMultipart mixed = new MimeMultipart("mixed", body);
            for (var file : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(file.filename());
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    @Override
    public void close() {
        if (transport == null) return;
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // the connection is dropped either way
        }
        transport = null;
    }
}
