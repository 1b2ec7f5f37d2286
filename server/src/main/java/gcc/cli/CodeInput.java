package gcc.cli;

import gcc.qr.QrCodes;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command reads a code from: the text itself, a text file, or a QR image. */
final class CodeInput {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE", description = "the code text (GCC1:...)")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "a file holding the code text")
    Path file;

    @Option(names = "--png", paramLabel = "FILE", description = "a QR image holding the code")
    Path png;

    String read() throws IOException {
        int given = (text != null ? 1 : 0) + (file != null ? 1 : 0) + (png != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give the code once: as CODE, --file or --png");
        }
        if (png != null) {
            return QrCodes.readPng(png);
        }
        if (file != null) {
            return Files.readString(file).trim();
        }
        return text.trim();
    }

}
