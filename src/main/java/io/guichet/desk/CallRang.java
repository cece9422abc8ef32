package io.guichet.desk;

import io.guichet.platform.bus.Notice;

/** The PBX said a call rings at an agent's extension: that agent's console pops the caller (on whichever node they are). */
public record CallRang(String callId) implements Notice {
}
