package gcc.registry;

import gcc.io.DurableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;

/**
 * Journal entries an operator chose to skip with {@code gatectl registry repair}: whole and
 * decodable, but not applicable to the index. They stay in the journal; this file
 * ({@code journal.skip}: one "sequence TAB why" per line) says which ones replay leaves out.
 *
 * <p>Immutable once read; {@link #with} writes a new file durably and returns its contents.
 */
final class SkippedEntries {
    private final Path file;
    private final TreeMap<Long, String> entries;

    private SkippedEntries(Path file, TreeMap<Long, String> entries) {
        this.file = file;
        this.entries = entries;
    }

    static SkippedEntries read(Path file) {
        TreeMap<Long, String> m = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (!line.isBlank()) {
                        m.put(Long.parseLong((tab < 0 ? line : line.substring(0, tab)).trim()), tab < 0 ? "" : line.substring(tab + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(file + " is not a list of skipped journal sequences: " + e.getMessage());
            }
        }
        return new SkippedEntries(file, m);
    }

    boolean contains(long sequence) {
        return entries.containsKey(sequence);
    }

    Set<Long> sequences() {
        return entries.keySet();
    }

    /** Adds {@code sequence} with why, stored durably before it takes effect. */
    SkippedEntries with(long sequence, String why) throws IOException {
        TreeMap<Long, String> next = new TreeMap<>(entries);
        next.put(sequence, why.replace('\n', ' ').replace('\t', ' '));
        StringBuilder sb = new StringBuilder();
        next.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        DurableFile.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        return new SkippedEntries(file, next);
    }
}
