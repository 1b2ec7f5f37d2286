package gcc.clearance;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of consignments flowing through multi-server FIFO stations.
 * Consignments arrive by an {@link ArrivalProcess}; each follows a route (a list of stations,
 * which may revisit one) chosen at arrival; a station with {@code c} servers serves in arrival
 * order, one with 0 servers is a pure delay. Only consignments arriving after the warm-up and
 * before the horizon are measured, and every one of them is followed to the end of its route.
 *
 * <p>Randomness comes from separate streams per purpose (arrivals, routing, each station's
 * service) split from one seed, so two runs that differ only in routing share their arrival and
 * service draws (common random numbers: comparisons between scenarios are far less noisy). A
 * router should draw the same number of uniforms for every consignment to keep that alignment.
 *
 * <p>Cost: O(events log events) time, memory proportional to the consignments in the horizon.
 * Not thread-safe; one run per instance.
 */
public final class Simulation {
    /**
     * A station: its server count (0 = as many as needed) and service time; with a roster, the
     * servers on duty in each hour of the week instead (168 entries, at least one each). When the
     * roster shrinks, servers finish the consignment in hand before going off duty.
     */
    public record Station(String name, int servers, ServiceTime service, int[] roster) {
        public Station(String name, int servers, ServiceTime service) {
            this(name, servers, service, null);
        }

        int onDuty(double t) {
            return roster == null ? servers : roster[WeeklyProfile.hourOfWeek(t)];
        }
    }

    /** A consignment's path (station indices, in order) and free-form tags the results keep. */
    public record Route(int[] stations, int tags) {
        public static Route of(int... stations) {
            return new Route(stations, 0);
        }
    }

    /** Chooses a consignment's route at arrival. */
    @FunctionalInterface
    public interface Router {
        Route route(SplittableRandom r);
    }

    /** What one run measured: per measured consignment its arrival, clearance time and tags. */
    public record Result(double[] arrivalSeconds, double[] sojournSeconds, int[] tags, double[] meanWaitSeconds,
                         long measured) {
        public double mean() {
            return Arrays.stream(sojournSeconds).average().orElse(Double.NaN);
        }

        public double percentile(double p) {
            return Cohort.percentile(sojournSeconds.clone(), p);
        }
    }

    /** {@code consignment} is a station index for a roster change (the hourly shift boundary). */
    private record Event(double time, long seq, int consignment, boolean departure, boolean rosterChange)
            implements Comparable<Event> {
        Event(double time, long seq, int consignment, boolean departure) {
            this(time, seq, consignment, departure, false);
        }

        @Override
        public int compareTo(Event o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Station[] stations;
    private final Router router;
    private final ArrivalProcess arrivals;
    private final double warmupSeconds;
    private final double horizonSeconds;
    private final long seed;

    public Simulation(Station[] stations, Router router, ArrivalProcess arrivals, double warmupSeconds,
                      double horizonSeconds, long seed) {
        if (horizonSeconds <= warmupSeconds) {
            throw new IllegalArgumentException("need a horizon beyond the warm-up");
        }
        this.stations = stations.clone();
        this.router = router;
        this.arrivals = arrivals;
        this.warmupSeconds = warmupSeconds;
        this.horizonSeconds = horizonSeconds;
        this.seed = seed;
    }

    public Simulation(Station[] stations, Router router, double arrivalsPerSecond, double warmupSeconds,
                      double horizonSeconds, long seed) {
        this(stations, router, ArrivalProcess.poisson(arrivalsPerSecond), warmupSeconds, horizonSeconds, seed);
    }

    public Result run() {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom arrivalStream = root.split();
        SplittableRandom routing = root.split();
        SplittableRandom[] service = new SplittableRandom[stations.length];
        for (int i = 0; i < stations.length; i++) {
            service[i] = root.split();
        }
        // Pre-draw every arrival and route: neither depends on the state of the queues.
        int cap = (int) Math.min(50_000_000, arrivals.meanPerSecond() * horizonSeconds * 1.1 + 1000);
        double[] arrivedAt = new double[cap];
        Route[] routes = new Route[cap];
        int n = 0;
        double t = 0;
        while ((t = arrivals.next(t, arrivalStream)) < horizonSeconds) {
            if (n == arrivedAt.length) {
                arrivedAt = Arrays.copyOf(arrivedAt, n * 2);
                routes = Arrays.copyOf(routes, n * 2);
            }
            arrivedAt[n] = t;
            routes[n] = router.route(routing);
            n++;
        }
        double[] enteredStation = new double[n];
        int[] step = new int[n];
        int[] busy = new int[stations.length];
        @SuppressWarnings("unchecked")
        ArrayDeque<Integer>[] queues = new ArrayDeque[stations.length];
        for (int i = 0; i < stations.length; i++) {
            queues[i] = new ArrayDeque<>();
        }
        double[] waitSum = new double[stations.length];
        long[] waitCount = new long[stations.length];
        double[] measuredArrival = new double[n];
        double[] sojourn = new double[n];
        int[] tags = new int[n];
        int measured = 0;

        PriorityQueue<Event> events = new PriorityQueue<>();
        long seq = 0;
        for (int c = 0; c < n; c++) {
            events.add(new Event(arrivedAt[c], seq++, c, false));
        }
        for (int s = 0; s < stations.length; s++) {
            if (stations[s].roster() != null) {
                events.add(new Event(3600, seq++, s, false, true));
            }
        }
        int inSystem = n;
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.rosterChange()) {
                int s = e.consignment();
                while (busy[s] < stations[s].onDuty(e.time()) && !queues[s].isEmpty()) {
                    int waiting = queues[s].poll();
                    busy[s]++;
                    recordWait(waiting, s, e.time(), enteredStation, arrivedAt, waitSum, waitCount);
                    events.add(new Event(e.time() + stations[s].service().sample(service[s]), seq++, waiting, true));
                }
                if (inSystem > 0) {
                    events.add(new Event(e.time() + 3600, seq++, s, false, true));
                }
                continue;
            }
            int c = e.consignment();
            int[] route = routes[c].stations();
            if (e.departure()) {
                int s = route[step[c]];
                busy[s]--;
                Integer waiting = busy[s] < stations[s].onDuty(e.time()) ? queues[s].poll() : null;
                if (waiting != null) {
                    busy[s]++;
                    recordWait(waiting, s, e.time(), enteredStation, arrivedAt, waitSum, waitCount);
                    events.add(new Event(e.time() + stations[s].service().sample(service[s]), seq++, waiting, true));
                }
                step[c]++;
            }
            if (step[c] == route.length) {
                inSystem--;
                if (arrivedAt[c] >= warmupSeconds) {
                    measuredArrival[measured] = arrivedAt[c];
                    tags[measured] = routes[c].tags();
                    sojourn[measured++] = e.time() - arrivedAt[c];
                }
                continue;
            }
            int s = route[step[c]];
            enteredStation[c] = e.time();
            Station st = stations[s];
            if (st.servers() == 0 || busy[s] < st.onDuty(e.time())) {
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
        return new Result(Arrays.copyOf(measuredArrival, measured), Arrays.copyOf(sojourn, measured),
                Arrays.copyOf(tags, measured), meanWait, measured);
    }

    private void recordWait(int c, int s, double now, double[] entered, double[] arrivedAt, double[] sum, long[] count) {
        if (arrivedAt[c] >= warmupSeconds) {
            sum[s] += now - entered[c];
            count[s]++;
        }
    }
}
