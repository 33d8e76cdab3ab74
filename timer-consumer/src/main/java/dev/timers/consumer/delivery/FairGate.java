package dev.timers.consumer.delivery;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A fixed number of places, handed out in an order that is fair to owners and puts work under a claim first.
 *
 * <p>Two classes of waiters. Work done while holding a claim (an outcome, a claim given back) is served first,
 * in arrival order: it never waits behind a new claim, only for a place to come free, since until it is written
 * the timer's claim, its message and its place stay taken. New claims are served when no such work waits, one
 * per owner in turn (round robin over the owners with claims waiting; deficit round robin where every claim
 * costs one store call). An owner with 3,000 claims waiting and one with 20 therefore get places alternately
 * while both wait, and the second's 20 are through after about 40 places, not after the first's 3,000. An owner
 * with nothing waiting takes no turn and saves none up. Each owner's claims go in arrival order.
 *
 * <p>Whoever arrives while places are free and nobody waits enters at once. A place freed while someone waits
 * goes straight to the next waiter, so a newcomer cannot slip in ahead of the order. Waiting is not
 * interruptible (as a semaphore's {@code acquireUninterruptibly}); an interrupt is kept for the caller.
 */
final class FairGate {

    private final Object lock = new Object();
    private final ArrayDeque<CountDownLatch> holding = new ArrayDeque<>();
    /** Owners with claims waiting, in the order of their next turn. */
    private final LinkedHashMap<String, ArrayDeque<CountDownLatch>> claims = new LinkedHashMap<>();

    private int free;
    private int waiting;

    FairGate(int places) {
        if (places < 1) {
            throw new IllegalArgumentException("a gate needs at least one place, not " + places);
        }
        this.free = places;
    }

    /** Takes a place for work under a claim: ahead of every claim waiting. */
    void enterHolding() {
        CountDownLatch turn;
        synchronized (lock) {
            if (free > 0 && waiting == 0) {
                free--;
                return;
            }
            turn = new CountDownLatch(1);
            holding.addLast(turn);
            waiting++;
        }
        await(turn);
    }

    /** Takes a place for a new claim of {@code owner}'s timer, in its owner's turn. */
    void enterClaim(String owner) {
        CountDownLatch turn;
        synchronized (lock) {
            if (free > 0 && waiting == 0) {
                free--;
                return;
            }
            turn = new CountDownLatch(1);
            claims.computeIfAbsent(owner, name -> new ArrayDeque<>()).addLast(turn);
            waiting++;
        }
        await(turn);
    }

    /** Gives a place back: to the next waiter if there is one. */
    void leave() {
        CountDownLatch next;
        synchronized (lock) {
            next = next();
            if (next == null) {
                free++;
                return;
            }
            waiting--;
        }
        next.countDown();
    }

    /** Callers waiting for a place now. */
    int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    private CountDownLatch next() {
        if (!holding.isEmpty()) {
            return holding.pollFirst();
        }
        Iterator<Map.Entry<String, ArrayDeque<CountDownLatch>>> owners =
                claims.entrySet().iterator();
        if (!owners.hasNext()) {
            return null;
        }
        Map.Entry<String, ArrayDeque<CountDownLatch>> turn = owners.next();
        CountDownLatch next = turn.getValue().pollFirst();
        owners.remove();
        if (!turn.getValue().isEmpty()) {
            // Back to the end of the round.
            claims.put(turn.getKey(), turn.getValue());
        }
        return next;
    }

    private static void await(CountDownLatch turn) {
        boolean interrupted = false;
        while (true) {
            try {
                turn.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
