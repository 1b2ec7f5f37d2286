package gcc.clearance;

/** Closed forms for M/M/c queues, to check the simulator against. */
public final class ErlangC {
    private ErlangC() {
    }

    /** Probability that an arrival waits in an M/M/c queue with offered load {@code a = lambda/mu} Erlangs. */
    public static double probabilityOfWaiting(int c, double a) {
        if (a >= c) {
            return 1.0;
        }
        double term = 1;
        double sum = 1; // k = 0
        for (int k = 1; k < c; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / c * c / (c - a);
        return last / (sum + last);
    }

    /** Mean wait in queue (same unit as 1/mu) of an M/M/c queue. */
    public static double meanWait(int c, double lambda, double mu) {
        double a = lambda / mu;
        if (a >= c) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(c, a) / (c * mu - lambda);
    }
}
