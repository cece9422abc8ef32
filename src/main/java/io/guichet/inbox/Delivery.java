package io.guichet.inbox;

/** A message with its conversation as it stood when the message was stored: what a socket needs to deliver it. */
public record Delivery(Conversation conversation, Message message) {
}
