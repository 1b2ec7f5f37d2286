package gcc.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per principal: {@code ratePerSecond} tokens a second up to {@code burst}; a call
 * takes one. Used for forwarders' pre-validations, so one forwarder cannot crowd out the gates.
 * Buckets are kept per principal name, so their number is bounded by the credentials issued.
 *
 * <p>Thread-safe; a call costs a map lookup and a short lock on that principal's bucket.
 */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int ratePerSecond, int burst, LongSupplier nanos) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1");
        }
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes a token for {@code principal}: 0 if granted, else the nanoseconds until one is available. */
    public long acquire(String principal) {
        return buckets.computeIfAbsent(principal, p -> new Bucket(burst, nanos.getAsLong())).take(nanos.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
