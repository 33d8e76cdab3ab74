package dev.timers.api;

import dev.timers.core.targets.TargetRule;

/** A target the target guard will not let Timers call; the problem names the rule it broke. */
class UnsafeTargetException extends InvalidTimerException {

    private final TargetRule rule;

    UnsafeTargetException(TargetRule rule, String message) {
        super("url", message);
        this.rule = rule;
    }

    TargetRule rule() {
        return rule;
    }
}
