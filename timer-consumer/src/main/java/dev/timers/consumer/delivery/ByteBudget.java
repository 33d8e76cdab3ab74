package dev.timers.consumer.delivery;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A number of bytes that handlings reserve before they hold them, and wait for when they are taken: so that what
 * the timers in flight hold together stays within the budget, whatever their number.
 *
 * <p>Waiters are served in turn by owner (round robin over the owners with waiters, each owner's in arrival
 * order), so a quiet owner's timer waits for one of a busy owner's, not behind all of them; one that arrives
 * while others wait queues behind them, and the next in turn is admitted only once it fits, so a large
 * reservation is not starved by a stream of small ones. A reservation larger than the whole budget is admitted
 * alone, once nothing else is reserved: it waits, but never for ever. Waiting is on a lock, not a monitor, so a
 * waiting virtual thread does not hold its carrier.
 */
final class ByteBudget {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    /** Each owner's waiters in arrival order; the owners in the order of their turns (the next first). */
    private final LinkedHashMap<String, ArrayDeque<Waiter>> waiters = new LinkedHashMap<>();

    private int waiting;
    private volatile long inUse;
    private boolean closed;

    ByteBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a byte budget needs at least one byte, not " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Reserves {@code bytes}, waiting until they fit: when nobody waits ahead and they fit beside what is
     * reserved, or when nothing is reserved at all.
     *
     * @throws InterruptedException when the waiting thread is interrupted, or the budget closed while it waited
     *     (nothing is reserved then)
     */
    Reservation reserve(long bytes) throws InterruptedException {
        return reserve(null, bytes);
    }

    /**
     * Reserves {@code bytes} for a timer of {@code owner} (null when the wake-up did not say), waiting until they
     * fit and it is the owner's turn.
     *
     * @throws InterruptedException when the waiting thread is interrupted, or the budget closed while it waited
     *     (nothing is reserved then)
     */
    Reservation reserve(String owner, long bytes) throws InterruptedException {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        lock.lock();
        try {
            if (closed) {
                throw new InterruptedException("the byte budget is closed: this consumer is stopping");
            }
            if (waiting == 0 && fits(bytes)) {
                inUse += bytes;
                return new Reservation(bytes);
            }
            var waiter = new Waiter(owner == null ? "" : owner, bytes, lock.newCondition());
            waiters.computeIfAbsent(waiter.owner, key -> new ArrayDeque<>()).addLast(waiter);
            waiting++;
            try {
                while (!waiter.admitted) {
                    if (closed) {
                        throw new InterruptedException("the byte budget is closed: this consumer is stopping");
                    }
                    waiter.turn.await();
                }
            } catch (InterruptedException e) {
                if (waiter.admitted) {
                    inUse -= bytes;
                } else {
                    withdraw(waiter);
                }
                // Its place at the head, or its bytes, may be what the next waiter needed.
                admitWaiters();
                throw e;
            }
            return new Reservation(bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes reserved now. */
    long inUse() {
        return inUse;
    }

    long capacity() {
        return capacity;
    }

    /** Callers waiting for their bytes now. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses every reservation from now on, and sends the callers still waiting away empty-handed: on shutdown,
     * where a handling that has not started yet should not start. Reservations held are released as usual.
     */
    void close() {
        lock.lock();
        try {
            closed = true;
            waiters.values().forEach(line -> line.forEach(waiter -> waiter.turn.signal()));
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long bytes) {
        return inUse == 0 || inUse + bytes <= capacity;
    }

    private void change(long delta) {
        lock.lock();
        try {
            inUse += delta;
            if (delta < 0) {
                admitWaiters();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Admits the next owner's first waiter for as long as it fits; an owner served goes to the back of the
     * turns, if it still has waiters.
     */
    private void admitWaiters() {
        while (waiting > 0) {
            var turns = waiters.entrySet().iterator();
            var turn = turns.next();
            Waiter next = turn.getValue().peekFirst();
            if (!fits(next.bytes)) {
                return;
            }
            turn.getValue().pollFirst();
            turns.remove();
            if (!turn.getValue().isEmpty()) {
                waiters.put(turn.getKey(), turn.getValue());
            }
            waiting--;
            inUse += next.bytes;
            next.admitted = true;
            next.turn.signal();
        }
    }

    /** Takes a waiter that gave up out of its owner's line. */
    private void withdraw(Waiter waiter) {
        ArrayDeque<Waiter> line = waiters.get(waiter.owner);
        if (line != null && line.remove(waiter)) {
            waiting--;
            if (line.isEmpty()) {
                waiters.remove(waiter.owner);
            }
        }
    }

    private static final class Waiter {
        private final String owner;
        private final long bytes;
        private final Condition turn;
        private boolean admitted;

        Waiter(String owner, long bytes, Condition turn) {
            this.owner = owner;
            this.bytes = bytes;
            this.turn = turn;
        }
    }

    /** Bytes held by one handling, given back on {@link #close()}. Used by one thread at a time. */
    final class Reservation implements AutoCloseable {

        private long bytes;
        private boolean released;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        long bytes() {
            return bytes;
        }

        /**
         * Makes this reservation {@code held} bytes: less gives the rest back at once; more is taken without
         * waiting, since it is already held by the time it is known (a timer read larger than its estimate).
         */
        void resize(long held) {
            if (released || held < 0) {
                throw new IllegalStateException("cannot resize a released reservation to " + held + " bytes");
            }
            long delta = held - bytes;
            bytes = held;
            change(delta);
        }

        /** Gives the bytes back; a second close does nothing. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                change(-bytes);
            }
        }
    }
}
