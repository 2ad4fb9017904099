// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.function.LongSupplier;

/** A session clock the test moves by hand, so beats, bars and quantization points fall exactly where expected. */
final class ManualClock implements LongSupplier {

    private volatile long now;

    ManualClock(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    void set(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("time does not go back: " + nanos + " < " + now);
        }
        now = nanos;
    }

    void advance(long nanos) {
        set(now + nanos);
    }
}
