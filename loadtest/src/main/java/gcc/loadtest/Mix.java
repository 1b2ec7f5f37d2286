package gcc.loadtest;

import java.util.Locale;

/**
 * The traffic mix: shares of codes seen before (memo hits), first-sight codes (a full signature
 * check each) and codes that must HOLD (revoked, expired, wrong exporter, tampered, unknown lab).
 * Written {@code seen=0.90,first=0.05,hold=0.05}; shares must add up to 1.
 */
public record Mix(double seen, double first, double hold) {
    public static final Mix DEFAULT = new Mix(0.90, 0.05, 0.05);

    public Mix {
        if (seen < 0 || first < 0 || hold < 0 || Math.abs(seen + first + hold - 1) > 1e-6) {
            throw new IllegalArgumentException("mix shares must be non-negative and add up to 1: " + seen + ", " + first + ", " + hold);
        }
    }

    public static Mix parse(String text) {
        double seen = 0;
        double first = 0;
        double hold = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix must be like seen=0.90,first=0.05,hold=0.05: " + text);
            }
            double v = Double.parseDouble(kv[1]);
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "seen" -> seen = v;
                case "first" -> first = v;
                case "hold" -> hold = v;
                default -> throw new IllegalArgumentException("unknown mix part '" + kv[0] + "': use seen, first, hold");
            }
        }
        return new Mix(seen, first, hold);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "seen=%.2f,first=%.2f,hold=%.2f", seen, first, hold);
    }
}
