package gcc.loadtest;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's own collection pauses, from the JVM's GC notifications (one per
 * collection, with its duration). Every G1 and Parallel collection the notifications report is a
 * stop-the-world pause ("end of minor GC", "end of major GC"); concurrent cycles are not reported.
 * A pause of the harness delays every request it should have sent meanwhile, which the open loop
 * charges to the server, so a run reports them beside its latency.
 */
final class HarnessGc {
    private final List<Double> pausesMs = new ArrayList<>();

    HarnessGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        if (!info.getGcAction().contains("concurrent") && !info.getGcName().contains("Concurrent")) {
                            add(info.getGcInfo().getDuration());
                        }
                    }
                }, null, null);
            }
        }
    }

    private synchronized void add(double ms) {
        pausesMs.add(ms);
    }

    /** How many pauses so far: a mark to take {@link #since} from. */
    synchronized int mark() {
        return pausesMs.size();
    }

    synchronized GcPauses since(int mark) {
        return GcPauses.of(new ArrayList<>(pausesMs.subList(Math.min(mark, pausesMs.size()), pausesMs.size())));
    }
}
