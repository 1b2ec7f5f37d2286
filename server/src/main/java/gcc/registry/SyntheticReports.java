package gcc.registry;

import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.Uscc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A reproducible stream of realistic registry changes for benchmarks and load tests: reports from
 * 40 labs for 50,000 exporters over infant-product HS codes, tested over the past eleven months;
 * most full-scope and passing, a few incomplete, failed or legacy, and a few later revised,
 * suspended or revoked. The same seed gives the same stream.
 *
 * <p>Ids are {@code GR26-} and eight digits, so report {@code n} is {@link #id(long)}.
 */
public final class SyntheticReports implements Iterable<RegistryEvent> {
    private static final String[] HS = {"8715001000", "9404219000", "6111209000", "9401800000", "3924100000",
            "6209200000", "9503002100", "8715000010"};
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private final long count;
    private final long seed;
    private final LocalDate today;

    public SyntheticReports(long count, long seed, LocalDate today) {
        this.count = count;
        this.seed = seed;
        this.today = today;
    }

    public static String id(long n) {
        return String.format("GR26-%08d", n);
    }

    /** The exporter of synthetic exporter number {@code k} (0..49,999). */
    public static String exporter(int k) {
        StringBuilder sb = new StringBuilder("9133");
        SplittableRandom r = new SplittableRandom(k * 7919L + 17);
        for (int i = 0; i < 13; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.append(Uscc.checkCharacter(sb)).toString();
    }

    /** The report document synthetic report {@code n} registers (its original, not a revision). */
    public ReportDocument report(long n) {
        SplittableRandom r = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
        int kind = r.nextInt(1000);
        LocalDate tested = today.minusDays(5 + r.nextInt(330));
        int items = kind < 20 ? 20 : 21;
        int failed = kind >= 20 && kind < 40 ? 1 + r.nextInt(21) : -1;
        String standard = kind >= 40 && kind < 50 ? "GB 31701-2015" : "GB 31701-2026";
        List<ItemResult> list = new ArrayList<>(21);
        for (int i = 1; i <= items; i++) {
            list.add(new ItemResult(i, i != failed, i > 15 ? tested.plusDays(r.nextInt(3)) : tested));
        }
        String model = "SX-" + (100 + r.nextInt(9000));
        return new ReportDocument(id(n), "L" + (1000 + r.nextInt(40)), standard,
                new Product(HS[r.nextInt(HS.length)], model), exporter(r.nextInt(50_000)),
                tested.plusDays(10 + r.nextInt(5)), list, null);
    }

    @Override
    public Iterator<RegistryEvent> iterator() {
        return new Iterator<>() {
            private long n;
            private final List<RegistryEvent> pending = new ArrayList<>(2);

            @Override
            public boolean hasNext() {
                return !pending.isEmpty() || n < count;
            }

            @Override
            public RegistryEvent next() {
                if (!pending.isEmpty()) {
                    return pending.remove(0);
                }
                if (n >= count) {
                    throw new NoSuchElementException();
                }
                long i = n++;
                ReportDocument doc = report(i);
                int fate = (int) Math.floorMod(i * 2654435761L, 1000);
                if (fate < 10) {
                    pending.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, doc.reportId(), "recall", "samr"));
                } else if (fate < 15) {
                    pending.add(RegistryEvent.status(RegistryEvent.Type.SUSPEND, doc.reportId(), "post-clearance check", "samr"));
                }
                return RegistryEvent.register(doc, "lab:" + doc.labId());
            }
        };
    }
}
