package gcc.demo;

import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gatectl verify --server pointed at something that is not a gate server (here: an HTTP server) says so, exit 2. */
class VerifyServerProbeTest {
    private static DemoCommandTest.Run run(String... args) {
        return DemoCommandTest.run(args);
    }

    @Test
    void shouldSayWhenVerifyServerIsNotAGateServerAndExitTwo() throws Exception {
        try (java.net.ServerSocket http = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            // Like an HTTP server: every connection gets its own thread and a 400 for bytes that are no request.
            Thread t = new Thread(() -> {
                while (!http.isClosed()) {
                    try {
                        java.net.Socket s = http.accept();
                        Thread c = new Thread(() -> {
                            try (s) {
                                s.getInputStream().read(new byte[256]);
                                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"
                                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            } catch (java.io.IOException ignored) {
                                // the client went away
                            }
                        });
                        c.setDaemon(true);
                        c.start();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            DemoCommandTest.Run r = run("verify", "GCC1:ABC", "--exporter", TestWorld.EXPORTER, "--server", "127.0.0.1:" + http.getLocalPort(),
                    "--timeout-ms", "3000");
            assertEquals(gcc.cli.GateCtl.EXIT_USAGE, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("is not a gate server") && r.err().contains("HTTP/1.1 400 Bad Request")
                    && r.err().contains("gate.port, default 7700"), r.err());
        }
    }

}
