package gcc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The short, bounded pass every fuzz target gets in a plain {@code mvn verify}: deterministic
 * random mutations of its committed seed corpus (bit flips, byte changes, insertions, deletions,
 * truncations, splices), fed through the same invariant as the Jazzer campaign. Jazzer's
 * regression mode only replays the corpus; this adds breadth without instrumentation, within a
 * fixed number of inputs so the test suite stays fast.
 */
public final class Mutations {
    private Mutations() {
    }

    /** Every file of a fuzz test's inputs directory ({@code <package>/<Class>Inputs/<method>/} on the test classpath). */
    public static List<byte[]> corpus(Class<?> fuzzClass, String method) {
        String dir = fuzzClass.getSimpleName() + "Inputs/" + method;
        URL url = fuzzClass.getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no seed corpus " + fuzzClass.getPackageName().replace('.', '/') + "/" + dir);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds {@code count} mutants of the seeds (chosen with a fixed random seed) to {@code target}. */
    public static void run(List<byte[]> seeds, int count, long randomSeed, Consumer<byte[]> target) {
        Random r = new Random(randomSeed);
        for (int i = 0; i < count; i++) {
            byte[] in = seeds.get(r.nextInt(seeds.size())).clone();
            int rounds = 1 + r.nextInt(4);
            for (int k = 0; k < rounds; k++) {
                in = mutate(in, seeds.get(r.nextInt(seeds.size())), r);
            }
            target.accept(in);
        }
    }

    static byte[] mutate(byte[] in, byte[] other, Random r) {
        if (in.length == 0) {
            return new byte[]{(byte) r.nextInt(256)};
        }
        int at = r.nextInt(in.length);
        switch (r.nextInt(7)) {
            case 0 -> in[at] ^= (byte) (1 << r.nextInt(8));
            case 1 -> in[at] = (byte) r.nextInt(256);
            case 2 -> {
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = (byte) r.nextInt(256);
                System.arraycopy(in, at, out, at + 1, in.length - at);
                return out;
            }
            case 3 -> {
                int len = 1 + r.nextInt(Math.min(8, in.length - at));
                byte[] out = new byte[in.length - len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + len, out, at, in.length - at - len);
                return out;
            }
            case 4 -> {
                return Arrays.copyOf(in, at);
            }
            case 5 -> {
                int from = r.nextInt(other.length + 1);
                byte[] out = Arrays.copyOf(in, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
            default -> in[at] = (byte) new int[]{0, 0x7f, 0x80, 0xff, 0x17, 0x18, 0x1b, 0x1f}[r.nextInt(8)];
        }
        return in;
    }
}
