package gcc.registry;

/**
 * How big the registry index is and what to tell an operator about it: the first start and
 * {@code gatectl serve --help} print {@link #rule}, a registration beyond the size gets {@link #full}.
 *
 * <p>The index is a Chronicle Map whose file is allocated in full when it is created (so a full
 * disk later cannot fault a lookup): about {@value #BYTES_PER_REPORT} bytes per report it is
 * sized for ({@code RegistrySizingTest} measures it), empty or not. The default suits a pilot;
 * a national registry sets {@code registry.entries}.
 */
public final class RegistrySizing {
    /** Reports the index is sized for unless registry.entries says otherwise: a pilot, about 24 MiB. */
    public static final long PILOT_ENTRIES = 100_000L;
    /** Disk per report the index is sized for (measured: 252 at 100,000 and 253 at 1,000,000). */
    public static final int BYTES_PER_REPORT = 250;
    /** The rule in one line, for help texts (a constant, so annotations can use it). */
    public static final String RULE = "the registry index is allocated when created, about " + BYTES_PER_REPORT
            + " bytes of disk per report it is sized for (registry.entries, default " + PILOT_ENTRIES + ": a pilot, about 24 MiB); "
            + "for N reports set registry.entries to N plus a fifth (10 million reports: 12000000, about 2.5 GiB). "
            + "Raised later, the index is rebuilt at the new size from the journal at the next start; "
            + "a registration beyond it is refused (\"the registry index is full\"), never lost.";

    private RegistrySizing() {
    }

    /** Bytes of disk an index sized for {@code entries} reports takes. */
    public static long indexBytes(long entries) {
        return entries * BYTES_PER_REPORT;
    }

    /** What the first start prints: this index's size and how to size it for more. */
    public static String rule(long entries) {
        return String.format("registry index sized for %,d reports (about %.0f MiB, %d bytes per report); for N reports "
                        + "set registry.entries to N plus 20%% (raised later: rebuilt at the next start)",
                entries, indexBytes(entries) / 1048576.0, BYTES_PER_REPORT);
    }

    /** The refusal of a registration the index has no room for, naming the setting that makes room. */
    static String full(long reports, long capacity) {
        return String.format("the registry index is full (%d reports, sized for %d): set registry.entries (gatectl registry: "
                        + "--entries) to the reports expected plus 20%% (about %d bytes of disk each) and restart; the index "
                        + "is rebuilt at the new size from the journal", reports, capacity, BYTES_PER_REPORT);
    }
}
