package io.guichet.platform;

import java.util.UUID;

/**
 * This node's name among the nodes sharing one database: {@code GUICHET_NODE_NAME} when set (so logs
 * and metrics name a known machine), otherwise random for this process. The bus uses it to skip its
 * own notices and the live wall to count viewers per node.
 */
public record NodeId(String value) {
    public NodeId {
        if (value == null || value.isBlank() || value.length() > 64) throw new IllegalArgumentException("A node name has 1 to 64 characters");
    }

    public static NodeId of(String configured) {
        return new NodeId(configured != null ? configured : UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return value;
    }
}
