package io.guichet.inbox;

import io.guichet.identity.Staff;

import io.guichet.platform.web.StaffShell;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Frames of other modules for the agents' sockets ({@code /ws/agent}): a module hands the inbox each frame with who may
 * receive it, and the inbox asks that of every connected staff member with their rights as they are now (re-read when
 * they change: {@code identity.StaffAccessChanged}). The inbox sends them without knowing what they say.
 */
public interface ModuleFrames {
    /** A frame and who is entitled to it (asked of each connected staff member at delivery). */
    record Frame(Map<String, Object> payload, Predicate<Staff> entitled) {
    }

    /** Starts handing frames to {@code deliver} (on every node: from the module's bus notices). */
    void start(Consumer<Frame> deliver);

    /**
     * What the console loads to show this module's frames (it hands each frame it does not know to the page as a
     * {@code guichet:agent-frame} event); nothing by default.
     */
    default StaffShell.Assets consoleAssets() {
        return StaffShell.Assets.NONE;
    }
}
