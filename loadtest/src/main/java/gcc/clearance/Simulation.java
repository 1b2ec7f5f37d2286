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
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom arrivals = root.split();
        SplittableRandom routing = root.split();
        SplittableRandom[] service = new SplittableRandom[stations.length];
        for (int i = 0; i < stations.length; i++) {
            service[i] = root.split();
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, arrivalsPerSecond * horizonSeconds * 1.2 + 1000);
        double[] arrivedAt = new double[Math.max(16, capacity)];
        double[] enteredStation = new double[arrivedAt.length];
        int[][] routes = new int[arrivedAt.length][];
        int[] step = new int[arrivedAt.length];
        int[] busy = new int[stations.length];
        @SuppressWarnings("unchecked")
        ArrayDeque<Integer>[] queues = new ArrayDeque[stations.length];
        for (int i = 0; i < stations.length; i++) {
            queues[i] = new ArrayDeque<>();
        }
        double[] waitSum = new double[stations.length];
        long[] waitCount = new long[stations.length];
        double[] sojourn = new double[arrivedAt.length];
        int measured = 0;

        PriorityQueue<Event> events = new PriorityQueue<>();
        long seq = 0;
        int n = 0;
        double t = 0;
        // Pre-draw every arrival: the arrival stream does not depend on anything else.
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
        while (!events.isEmpty()) {
            Event e = events.poll();
            int c = e.consignment();
            if (e.departure()) {
                int s = routes[c][step[c]];
                busy[s]--;
                Integer waiting = queues[s].poll();
                if (waiting != null) {
                    busy[s]++;
                    recordWait(waiting, s, e.time(), enteredStation, arrivedAt, waitSum, waitCount);
                    events.add(new Event(e.time() + stations[s].service().sample(service[s]), seq++, waiting, true));
                }
                step[c]++;
                if (step[c] == routes[c].length) {
                    if (arrivedAt[c] >= warmupSeconds) {
                        sojourn[measured++] = e.time() - arrivedAt[c];
                    }
                    continue;
                }
            }
            if (step[c] == routes[c].length) {
                // an empty route: cleared on arrival
                if (arrivedAt[c] >= warmupSeconds) {
                    sojourn[measured++] = 0;
                }
                continue;
            }
            int s = routes[c][step[c]];
            enteredStation[c] = e.time();
            Station st = stations[s];
            if (st.servers() == 0 || busy[s] < st.servers()) {
                busy[s]++;
                recordWait(c, s, e.time(), enteredStation, arrivedAt, waitSum, waitCount);
                events.add(new Event(e.time() + st.service().sample(service[s]), seq++, c, true));
            } else {
                queues[s].add(c);
            }
        }
        double[] meanWait = new double[stations.length];
        for (int i = 0; i < stations.length; i++) {
            meanWait[i] = waitCount[i] == 0 ? 0 : waitSum[i] / waitCount[i];
        }
        return new Result(Arrays.copyOf(sojourn, measured), meanWait, measured);
    }

    private void recordWait(int c, int s, double now, double[] entered, double[] arrivedAt, double[] sum, long[] count) {
        if (arrivedAt[c] >= warmupSeconds && arrivedAt[c] < horizonSeconds) {
            sum[s] += now - entered[c];
            count[s]++;
        }
    }
}
