package gcc.clearance;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of consignments flowing through multi-server FIFO stations.
 * Consignments arrive as a Poisson process; each follows a route (a list of stations) chosen at
 * arrival; a station with {@code c} servers serves in arrival order. Only consignments arriving
 * after the warm-up and before the horizon are measured, and every one of them is followed to
 * the end of its route.
 *
 * <p>Randomness comes from separate streams per purpose (arrivals, routing, each station's
 * service) split from one seed, so two runs that differ only in routing share their arrival and
 * service draws (common random numbers: comparisons between scenarios are far less noisy).
 *
 * <p>Not thread-safe; one run per instance.
 */
public final class Simulation {
    /** A station: its server count (0 = as many as needed) and service time. */
    public record Station(String name, int servers, ServiceTime service) {
    }

    /** Chooses a consignment's route at arrival (station indices, in order). */
    @FunctionalInterface
    public interface Router {
        int[] route(SplittableRandom r);
    }

    /** What one run measured. */
    public record Result(double[] sojournSeconds, double[] meanWaitSeconds, long measured) {
        public double mean() {
            return Arrays.stream(sojournSeconds).average().orElse(Double.NaN);
        }

        public double percentile(double p) {
            double[] s = sojournSeconds.clone();
            Arrays.sort(s);
            if (s.length == 0) {
                return Double.NaN;
            }
            return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
        }
    }

    private record Event(double time, long seq, int consignment, boolean departure) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Station[] stations;
    private final Router router;
    private final double arrivalsPerSecond;
    private final double warmupSeconds;
    private final double horizonSeconds;
    private final long seed;

    public Simulation(Station[] stations, Router router, double arrivalsPerSecond, double warmupSeconds,
                      double horizonSeconds, long seed) {
        if (arrivalsPerSecond <= 0 || horizonSeconds <= warmupSeconds) {
            throw new IllegalArgumentException("need a positive arrival rate and a horizon beyond the warm-up");
        }
        this.stations = stations.clone();
        this.router = router;
        this.arrivalsPerSecond = arrivalsPerSecond;
        this.warmupSeconds = warmupSeconds;
        this.horizonSeconds = horizonSeconds;
        this.seed = seed;
    }

    public Result run() {
        return new Run().execute();
    }

    /**
     * The state of one run: per-consignment arrays indexed by arrival number, and per-station
     * busy servers, FIFO queues and wait sums.
     */
    private final class Run {
        private final SplittableRandom arrivals;
        private final SplittableRandom routing;
        private final SplittableRandom[] service = new SplittableRandom[stations.length];
        private final double[] arrivedAt;
        private final double[] enteredStation;
        private final int[][] routes;
        private final int[] step;
        private final double[] sojourn;
        private final int[] busy = new int[stations.length];
        private final ArrayDeque<Integer>[] queues;
        private final double[] waitSum = new double[stations.length];
        private final long[] waitCount = new long[stations.length];
        private final PriorityQueue<Event> events = new PriorityQueue<>();
        private long seq;
        private int measured;

        @SuppressWarnings("unchecked")
        Run() {
            SplittableRandom root = new SplittableRandom(seed);
            arrivals = root.split();
            routing = root.split();
            for (int i = 0; i < stations.length; i++) {
                service[i] = root.split();
            }
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, arrivalsPerSecond * horizonSeconds * 1.2 + 1000);
            arrivedAt = new double[Math.max(16, capacity)];
            enteredStation = new double[arrivedAt.length];
            routes = new int[arrivedAt.length][];
            step = new int[arrivedAt.length];
            sojourn = new double[arrivedAt.length];
            queues = new ArrayDeque[stations.length];
            for (int i = 0; i < stations.length; i++) {
                queues[i] = new ArrayDeque<>();
            }
        }

        Result execute() {
            scheduleArrivals();
            while (!events.isEmpty()) {
                Event e = events.poll();
                int c = e.consignment();
                if (e.departure() && !depart(c, e.time())) {
                    continue;
                }
                if (step[c] == routes[c].length) {
                    // an empty route: cleared on arrival
                    if (arrivedAt[c] >= warmupSeconds) {
                        sojourn[measured++] = 0;
                    }
                    continue;
                }
                enter(c, e.time());
            }
            double[] meanWait = new double[stations.length];
            for (int i = 0; i < stations.length; i++) {
                meanWait[i] = waitCount[i] == 0 ? 0 : waitSum[i] / waitCount[i];
            }
            return new Result(Arrays.copyOf(sojourn, measured), meanWait, measured);
        }

        /** Pre-draws every arrival: the arrival stream does not depend on anything else. */
        private void scheduleArrivals() {
            int n = 0;
            double t = 0;
            while (true) {
                t += -Math.log(1.0 - arrivals.nextDouble()) / arrivalsPerSecond;
                if (t >= horizonSeconds || n == arrivedAt.length) {
                    break;
                }
                arrivedAt[n] = t;
                routes[n] = router.route(routing);
                events.add(new Event(t, seq++, n, false));
                n++;
            }
        }

        /**
         * Consignment {@code c} leaves its station at {@code now}: the first one waiting there is
         * served. True when {@code c} goes on to a next station, false when its route is done.
         */
        private boolean depart(int c, double now) {
            int s = routes[c][step[c]];
            busy[s]--;
            Integer waiting = queues[s].poll();
            if (waiting != null) {
                busy[s]++;
                recordWait(waiting, s, now);
                events.add(new Event(now + stations[s].service().sample(service[s]), seq++, waiting, true));
            }
            step[c]++;
            if (step[c] == routes[c].length) {
                if (arrivedAt[c] >= warmupSeconds) {
                    sojourn[measured++] = now - arrivedAt[c];
                }
                return false;
            }
            return true;
        }

        /** Consignment {@code c} reaches the next station of its route at {@code now}: served if a server is free, else queued. */
        private void enter(int c, double now) {
            int s = routes[c][step[c]];
            enteredStation[c] = now;
            Station st = stations[s];
            if (st.servers() == 0 || busy[s] < st.servers()) {
                busy[s]++;
                recordWait(c, s, now);
                events.add(new Event(now + st.service().sample(service[s]), seq++, c, true));
            } else {
                queues[s].add(c);
            }
        }

        private void recordWait(int c, int s, double now) {
            if (arrivedAt[c] >= warmupSeconds && arrivedAt[c] < horizonSeconds) {
                waitSum[s] += now - enteredStation[c];
                waitCount[s]++;
            }
        }
    }
}
