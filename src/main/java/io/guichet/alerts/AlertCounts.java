package io.guichet.alerts;

/**
 * The dashboard's figures: people reached, their mails handed to the SMTP server, failed or still waiting (the mail
 * channel tells no more), opened (the personal link followed), safe, need help, no answer yet; push requests the push
 * services accepted, failed, or found expired (every sending added up); SMS the gateway accepted or refused.
 */
public record AlertCounts(int recipients, int withoutChannel, int mailsSent, int mailsFailed, int mailsWaiting, int opened, int safe,
                          int help, int noAnswer, int pushSent, int pushFailed, int pushExpired, int smsSent, int smsFailed) {
}
