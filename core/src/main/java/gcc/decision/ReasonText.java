package gcc.decision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one-line summary of every {@link Reason} in every {@link Language}, read once from the data
 * table {@code /gcc/decision/reasons.tsv} in this jar. A table that lacks a text, names an
 * unknown reason or names one twice fails class initialisation with a message saying which, so
 * an incomplete table never reaches a gate (and {@code ReasonTextTest} catches it at build time).
 *
 * <p>Immutable after loading and thread-safe; lookups are two array reads.
 */
public final class ReasonText {
    static final String TABLE = "/gcc/decision/reasons.tsv";

    private static final String[][] TEXT = load();

    private ReasonText() {
    }

    /** The summary of {@code r} in {@code lang}. */
    public static String summary(Reason r, Language lang) {
        return TEXT[lang.ordinal()][r.ordinal()];
    }

    /** Both summaries of {@code r}, English first. */
    public static Map<Language, String> summaries(Reason r) {
        Map<Language, String> m = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            m.put(l, summary(r, l));
        }
        return m;
    }

    private static String[][] load() {
        try (InputStream in = ReasonText.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("reason table " + TABLE + " missing from the jar");
            }
            List<String> problems = new ArrayList<>();
            String[][] text = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("reason table " + TABLE + ": " + String.join("; ", problems));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read reason table " + TABLE, e);
        }
    }

    /** Parses a table, adding every problem (unknown, duplicate, missing or blank) to {@code problems}. */
    static String[][] parse(BufferedReader in, List<String> problems) throws IOException {
        Language[] langs = Language.values();
        String[][] text = new String[langs.length][Reason.values().length];
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Reason r;
            try {
                r = Reason.valueOf(f[0].trim());
            } catch (IllegalArgumentException e) {
                problems.add("line " + n + " names no reason: " + f[0]);
                continue;
            }
            if (f.length != 1 + langs.length) {
                problems.add("line " + n + " (" + r + ") needs " + langs.length + " texts separated by tabs");
                continue;
            }
            if (text[0][r.ordinal()] != null) {
                problems.add("line " + n + " repeats " + r);
            }
            for (Language l : langs) {
                String t = f[1 + l.ordinal()].trim();
                if (!t.isEmpty()) {
                    text[l.ordinal()][r.ordinal()] = t;
                }
            }
        }
        for (Reason r : Reason.values()) {
            for (Language l : langs) {
                if (text[l.ordinal()][r.ordinal()] == null) {
                    problems.add(r + " has no " + l + " summary");
                }
            }
        }
        return text;
    }
}
