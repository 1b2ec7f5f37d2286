package gcc.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Syncs the audit queue's newest cycle files to the device. An fsync of the file writes back the
 * pages the appender dirtied through its mapping, so it can run on the timer thread without
 * taking the appender's lock (an msync through the appender would hold every gate while the
 * device works).
 */
final class AuditFiles {
    private AuditFiles() {
    }

    /** Fsyncs the two newest {@code *.cq4} files (two, so a daily roll between ticks is covered). */
    static void syncNewest(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".cq4")).forEach(files::add);
        }
        files.sort(null);
        for (int i = Math.max(0, files.size() - 2); i < files.size(); i++) {
            try (FileChannel ch = FileChannel.open(files.get(i), StandardOpenOption.WRITE)) {
                ch.force(false);
            }
        }
    }
}
