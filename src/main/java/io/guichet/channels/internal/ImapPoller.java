package io.guichet.channels.internal;

import io.guichet.channels.EmailSettings;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the reply mailbox over IMAP (Angus Mail) every {@link EmailSettings#pollEvery}: each unread mail's bytes go
 * to {@code receive} (which stores them before anything else), then the mail is flagged read. A mail larger than
 * the limit hands over its headers and the limit's worth of bytes. Several nodes may poll the same mailbox: the
 * store keeps one copy per Message-ID. A failure (server down, wrong password) is logged and retried at the next poll.
 */
public final class ImapPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);
    private final EmailSettings.Imap imap;
    private final EmailSettings settings;
    private final Receiver receive;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("imap-poller").daemon().factory());

    /** Where each mail goes: its bytes (cut when larger than the limit) and its whole size. */
    public interface Receiver {
        void receive(byte[] raw, long size);
    }

    public ImapPoller(EmailSettings settings, Receiver receive) {
        this.imap = settings.imap();
        this.settings = settings;
        this.receive = receive;
    }

    public void start() {
        long every = settings.pollEvery().toMillis();
        timer.scheduleWithFixedDelay(this::pollQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("Reading the reply mailbox {} failed: {}", imap, e.getMessage());
        }
    }

    /** One look at the mailbox; returns how many mails were handed over. */
    public int poll() throws MessagingException, IOException {
        Properties props = new Properties();
        props.put("mail." + imap.protocol() + ".connectiontimeout", "10000");
        props.put("mail." + imap.protocol() + ".timeout", "30000");
        Store store = Session.getInstance(props).getStore(imap.protocol());
        store.connect(imap.host(), imap.port(), imap.user(), imap.password());
        try {
            Folder folder = store.getFolder(imap.folder());
            folder.open(Folder.READ_WRITE);
            try {
                int n = 0;
                for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    receive.receive(bytes((MimeMessage) m), Math.max(m.getSize(), 0));
                    m.setFlag(Flags.Flag.SEEN, true); // only once stored: a crash before this reads it again, stored once
                    n++;
                }
                return n;
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private byte[] bytes(MimeMessage m) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (m.getSize() > settings.maxInboundBytes()) {
            var headers = m.getAllHeaderLines();
            while (headers.hasMoreElements()) out.write((headers.nextElement() + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            try (var in = m.getRawInputStream()) {
                out.write(in.readNBytes(settings.maxInboundBytes()));
            }
            return out.toByteArray();
        }
        m.writeTo(out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
