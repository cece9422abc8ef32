package io.guichet.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.HashMap;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port, for a node whose mail a test reads as its recipient would. */
public final class Smtp implements AutoCloseable {
    private static final int WAIT_MILLIS = 30_000;
    private final GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private Smtp() {
        greenMail.start();
    }

    public static Smtp start() {
        return new Smtp();
    }

    /** The node's settings that send its mail here, with {@code more}. */
    public Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("GUICHET_SMTP_URL", "smtp://127.0.0.1:" + greenMail.getSmtp().getPort());
        return settings;
    }

    public Map<String, String> settings() {
        return settings(Map.of());
    }

    /** How many mails arrived so far: what a later {@link #next} waits beyond. */
    public int received() {
        return greenMail.getReceivedMessages().length;
    }

    /** The first mail after the {@code before} already received, once it arrives. */
    public MimeMessage next(int before) {
        if (!greenMail.waitForIncomingEmail(WAIT_MILLIS, before + 1)) throw new AssertionError("no mail after the " + before + " received");
        return greenMail.getReceivedMessages()[before];
    }

    /** The latest mail to {@code address} among those after {@code before}, once one arrives. */
    public MimeMessage nextTo(String address, int before) throws MessagingException {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < until) {
            MimeMessage[] all = greenMail.getReceivedMessages();
            for (int i = all.length - 1; i >= before; i--) {
                for (Address to : all[i].getAllRecipients()) {
                    if (((InternetAddress) to).getAddress().equalsIgnoreCase(address)) return all[i];
                }
            }
            greenMail.waitForIncomingEmail(200, all.length + 1);
        }
        throw new AssertionError("no mail to " + address);
    }

    public MimeMessage[] all() {
        return greenMail.getReceivedMessages();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
