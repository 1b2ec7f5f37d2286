package gcc.admin;

import gcc.io.DurableFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The admin bearer token's file: read it, or create it (durably, owner-only) with a random token at first start. */
public final class AdminToken {
    private AdminToken() {
    }

    /** The token in {@code file}, creating the file (owner-only, renamed into place) if it is missing. */
    public static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        // Owner-only from the first byte, synced and renamed into place: a crash leaves no token or the whole token.
        DurableFile.replaceOwnerOnly(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
        return token;
    }
}
