package dev.timers.core.targets;

import java.net.InetAddress;
import java.util.List;

/** What the target guard said about one target. */
public sealed interface TargetCheck {

    /**
     * The target may be called, at these addresses and no others.
     *
     * @param addresses every address the host resolved to, each one judged; empty when only the URL was checked
     */
    record Approved(List<InetAddress> addresses) implements TargetCheck {
        public Approved {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * The target must not be called.
     *
     * @param rule the rule it broke
     * @param reason what was wrong, in words a client can act on
     */
    record Refused(TargetRule rule, String reason) implements TargetCheck {}
}
