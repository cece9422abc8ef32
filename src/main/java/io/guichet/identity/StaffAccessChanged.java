package io.guichet.identity;

import io.guichet.platform.bus.Notice;

/**
 * A staff member's rights changed: role, active state, a session signed out or revoked. Every node
 * drops what it cached of them and re-checks their open sockets (closing those whose session ended).
 */
public record StaffAccessChanged(long staffId) implements Notice {
}
