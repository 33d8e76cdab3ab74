package dev.timers.consumer.delivery;

/** This consumer's own shutdown cut a call short: not the target's failure, so no attempt is made of it. */
final class CallCutShort extends Exception {

    CallCutShort() {
        super("call cut short by this consumer's shutdown", null, false, false);
    }
}
