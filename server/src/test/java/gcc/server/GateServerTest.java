package gcc.server;

import gcc.audit.AuditQuery;
import gcc.audit.AuditRecord;
import gcc.audit.DecisionAudit;
import gcc.client.GateClient;
import gcc.client.GateRequest;
import gcc.client.VerifyAnswer;
import gcc.config.Setting;
import gcc.decision.Outcome;
import gcc.decision.Reason;
import gcc.gate.GateFrame;
import gcc.gate.ProtocolError;
import gcc.gate.VerifyRequest;
import gcc.gate.VerifyResponse;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static gcc.testkit.TestWorld.EXPORTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate server end to end over loopback sockets: real registry file, real audit queue, real client. */
class GateServerTest {
    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }


    private static byte[] request(long id, String code) {
        byte[] b = new byte[2048];
        int n = VerifyRequest.encode(b, 0, id, 1, ascii(EXPORTER), ascii("NGB-G02"), null, ascii(code));
        return java.util.Arrays.copyOf(b, n);
    }

    @Test
    void shouldReleaseHoldAndAuditOverTcp() throws Exception {
        ReportDocument doc = TestWorld.report("NB26-100001");
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            VerifyAnswer first = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.RELEASE, first.outcome(), first.toString());
            assertEquals("NB26-100001", first.reportId());
            assertTrue(first.serverMicros() > 0);
            VerifyAnswer again = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.RELEASE, again.outcome());
            VerifyAnswer wrong = s.verify(c, code, TestWorld.OTHER_EXPORTER);
            assertEquals(Outcome.HOLD, wrong.outcome());
            assertTrue(wrong.has(Reason.EXPORTER_MISMATCH));
            VerifyAnswer garbage = s.verify(c, "GCC1:%%%", EXPORTER);
            assertTrue(garbage.has(Reason.MALFORMED_CODE) && !garbage.decidedLocally());
            assertEquals(1, s.node.memo().misses() >= 1 ? 1 : 0);
            assertTrue(s.node.memo().hits() >= 2, "the second and third verifications hit the memo");
        }
        // The audit survives the stop and finds the releases of the report.
        List<AuditRecord> releases = new ArrayList<>();
        AuditQuery.scan(dir.resolve("audit"), new AuditQuery.Filter("NB26-100001", null, null, 1, null, null), 100, releases::add);
        assertEquals(2, releases.size());
        assertEquals("NGB-G01", releases.get(0).gate());
        List<AuditRecord> all = new ArrayList<>();
        AuditQuery.scan(dir.resolve("audit"), new AuditQuery.Filter(null, null, null, null, null, null), 100, all::add);
        assertEquals(4, all.stream().filter(r -> r.source() == DecisionAudit.Source.GATE_TCP).count());
    }

    @Test
    void shouldAnswerPipelinedRequestsOutOfOrder() throws Exception {
        // Checks handed to the workers (an inline share of 0): a check made on the loop itself
        // answers in order, held up by one check at most (GateHandlersTest).
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.WORKER_THREADS, "1", Setting.WORKER_INLINE_SHARE, "0"))) {
            ReportDocument hot = TestWorld.report("NB26-100010");
            ReportDocument cold = TestWorld.report("NB26-100011");
            s.register(hot);
            s.register(cold);
            String hotCode = s.world.issue(hot, s.world.labAsm2);
            String coldCode = s.world.issue(cold, s.world.labAes);
            try (GateClient c = s.client()) {
                assertEquals(Outcome.RELEASE, s.verify(c, hotCode, EXPORTER).outcome()); // now in the memo
            }
            try (Socket sock = new Socket("127.0.0.1", s.node.gatePort())) {
                sock.setSoTimeout(5000);
                OutputStream out = sock.getOutputStream();
                java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
                batch.write(request(100, coldCode)); // needs a signature check on the worker
                for (int i = 0; i < 5; i++) {
                    batch.write(request(200 + i, hotCode)); // memo hits, answered on the event loop
                }
                out.write(batch.toByteArray());
                out.flush();
                DataInputStream in = new DataInputStream(sock.getInputStream());
                List<Long> order = new ArrayList<>();
                VerifyResponse r = new VerifyResponse();
                for (int i = 0; i < 6; i++) {
                    byte[] f = RawGate.readFrame(in);
                    assertEquals(GateFrame.OK, r.wrap(f, 0, f.length));
                    assertEquals(VerifyResponse.RELEASE, r.outcome());
                    order.add(r.requestId());
                }
                assertEquals(6, order.stream().distinct().count());
                assertNotEquals(100L, order.get(0), "the slow first request does not hold up the others: " + order);
            }
        }
    }

    @Test
    void shouldCloseOnMalformedOrOversizedFramesAndKeepServingOthers() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient healthy = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-100020");
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            byte[][] bad = {
                    new byte[]{0, 0, 0, 12, 'X', 'Y', 1, 1, 0, 0, 0, 0, 0, 0, 0, 9},            // bad magic
                    new byte[]{0, 0, 0, 12, 'G', 'C', 9, 1, 0, 0, 0, 0, 0, 0, 0, 9},            // unknown version
                    new byte[]{0, 0, 0, 12, 'G', 'C', 1, 42, 0, 0, 0, 0, 0, 0, 0, 9},           // unknown type
                    new byte[]{0, 1, 0, 0, 'G', 'C', 1, 1},                                    // 65536 > 4096
                    java.util.Arrays.copyOf(request(5, code), 40),                            // lengths overrun
            };
            int[] expected = {GateFrame.ERROR_BAD_MAGIC, GateFrame.ERROR_UNSUPPORTED_VERSION, GateFrame.ERROR_UNKNOWN_TYPE,
                    GateFrame.ERROR_FRAME_TOO_LARGE, GateFrame.ERROR_MALFORMED};
            for (int i = 0; i < bad.length; i++) {
                byte[] frame = bad[i];
                if (i == 4) {
                    frame[2] = 0;
                    frame[3] = 36; // the length field says the truncated frame is whole
                }
                try (Socket sock = new Socket("127.0.0.1", s.node.gatePort())) {
                    sock.setSoTimeout(5000);
                    sock.getOutputStream().write(frame);
                    DataInputStream in = new DataInputStream(sock.getInputStream());
                    byte[] err = RawGate.readFrame(in);
                    assertEquals(GateFrame.TYPE_PROTOCOL_ERROR, GateFrame.type(err, 0), "case " + i);
                    assertEquals(expected[i], ProtocolError.code(err, 0), "case " + i + ": " + ProtocolError.message(err, 0, err.length));
                    assertEquals(-1, in.read(), "the server closes after a protocol error");
                }
                assertEquals(Outcome.RELEASE, s.verify(healthy, code, EXPORTER).outcome(), "others keep being served");
            }
            assertTrue(s.node.metrics().protocolErrors() >= 5);
        }
    }

    @Test
    void shouldAnswerBusyWhenTheWorkerQueueIsFull() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.WORKER_THREADS, "1", Setting.WORKER_QUEUE, "1",
                Setting.WORKER_INLINE_SHARE, "0"));
             GateClient c = s.client()) {
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ReportDocument doc = TestWorld.report("NB26-2" + String.format("%05d", i));
                s.register(doc);
                codes.add(s.world.issue(doc, s.world.labAsm2));
            }
            List<CompletableFuture<VerifyAnswer>> answers = new ArrayList<>();
            for (String code : codes) {
                answers.add(c.verifyAsync(GateRequest.of(code, EXPORTER, "NGB-G03")));
            }
            int busy = 0;
            for (CompletableFuture<VerifyAnswer> f : answers) {
                VerifyAnswer a = f.get(10, TimeUnit.SECONDS);
                if (a.serverBusy()) {
                    busy++;
                    assertEquals(Outcome.HOLD, a.outcome());
                    assertTrue(a.has(Reason.SERVER_BUSY));
                } else {
                    assertEquals(Outcome.RELEASE, a.outcome(), a.toString());
                }
            }
            assertTrue(busy > 0, "60 first-sight codes against one worker with a queue of one");
            assertEquals(busy, s.node.metrics().busyCount());
        }
    }

    @Test
    void shouldServeTheHttpApiAndSeeARevocationAtOnce() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-300001");
            String code = s.world.issue(doc, s.world.labA);
            HttpResponse<String> created = s.post("/v1/admin/reports", ReportJson.toJson(doc).toString(), s.token);
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(409, s.post("/v1/admin/reports", ReportJson.toJson(doc).toString(), s.token).statusCode());
            assertEquals(Outcome.RELEASE, s.verify(c, code, EXPORTER).outcome());

            HttpResponse<String> verify = s.post("/v1/verify", "{\"code\":\"" + code + "\",\"exporter\":\"" + EXPORTER
                    + "\",\"at\":\"2026-11-20\"}", null);
            assertEquals(200, verify.statusCode());
            assertTrue(verify.body().contains("\"outcome\":\"HOLD\"") && verify.body().contains("ITEM_EXPIRED")
                    && verify.body().contains("attachment tensile strength"), verify.body());
            HttpResponse<String> now = s.post("/v1/verify", "{\"code\":\"" + code + "\",\"exporter\":\"" + EXPORTER + "\"}", null);
            assertTrue(now.body().contains("\"outcome\":\"RELEASE\""), now.body());

            HttpResponse<String> record = s.get("/v1/reports/NB26-300001");
            assertEquals(200, record.statusCode());
            assertTrue(record.body().contains("\"status\":\"ACTIVE\""), record.body());

            assertEquals(401, s.post("/v1/admin/reports/NB26-300001/revoke", "{\"reason\":\"recall\"}", null).statusCode());
            assertEquals(401, s.post("/v1/admin/reports/NB26-300001/revoke", "{\"reason\":\"recall\"}", "wrong-token-wrong-token").statusCode());
            HttpResponse<String> revoked = s.post("/v1/admin/reports/NB26-300001/revoke", "{\"reason\":\"recall\"}", s.token);
            assertEquals(200, revoked.statusCode(), revoked.body());
            VerifyAnswer after = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.HOLD, after.outcome());
            assertTrue(after.has(Reason.REPORT_REVOKED));
            assertEquals(404, s.post("/v1/admin/reports/NB26-999999/suspend", "{\"reason\":\"x\"}", s.token).statusCode());

            assertEquals(400, s.post("/v1/verify", "{not json", null).statusCode());
            assertEquals(400, s.post("/v1/verify", "{\"code\":\"GCC1:X\"}", null).statusCode());
            assertEquals(400, s.post("/v1/verify", "{\"code\":\"GCC1:X\",\"exporter\":\"" + EXPORTER + "\",\"at\":\"soon\"}", null).statusCode());
            assertEquals(404, s.get("/v1/reports/NB26-404").statusCode());
            assertEquals(404, s.get("/nothing").statusCode());
            assertEquals(405, s.get("/v1/verify").statusCode());
            HttpResponse<String> e = s.get("/v1/reports/NB26-404");
            assertTrue(e.body().contains("\"error\"") && e.headers().firstValue("content-type").orElse("").contains("json"));

            assertEquals(422, s.put("/v1/admin/trust-list", new byte[]{1, 2, 3}, s.token).statusCode());
            assertEquals(422, s.put("/v1/admin/trust-list", s.world.trustList(1, gcc.trust.KeyStatus.REVOKED).sign(s.world.root),
                    s.token).statusCode(), "an older list is refused");
            HttpResponse<String> newer = s.put("/v1/admin/trust-list", s.world.trustList(3, gcc.trust.KeyStatus.REVOKED)
                    .sign(s.world.root), s.token);
            assertEquals(200, newer.statusCode(), newer.body());
            assertEquals(200, s.post("/v1/admin/policy/reload", "", s.token).statusCode());
        }
        List<AuditRecord> admin = new ArrayList<>();
        AuditQuery.scan(dir.resolve("audit"), new AuditQuery.Filter("NB26-300001", null, null, null, null, null), 100, admin::add);
        assertTrue(admin.stream().anyMatch(r -> r.source() == DecisionAudit.Source.ADMIN && r.action().startsWith("REVOKE")),
                "the revocation is audited with its actor: " + admin);
    }

    @Test
    void shouldHoldWhenTheAuditCannotRecord() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-600001");
            s.register(doc);
            String code = s.world.issue(doc, s.world.labA);
            assertEquals(Outcome.RELEASE, s.verify(c, code, EXPORTER).outcome());
            s.node.audit().close(java.time.Duration.ofSeconds(5)); // the audit stops taking records
            VerifyAnswer a = s.verify(c, code, EXPORTER);
            assertEquals(Outcome.HOLD, a.outcome());
            assertTrue(a.has(Reason.AUDIT_UNAVAILABLE), a.toString());
            assertEquals(1, s.node.metrics().auditRejectedCount());
            assertEquals(503, s.get("/ready").statusCode());
            assertTrue(s.get("/metrics").body().contains("gcc_audit_healthy 0"));
        }
    }

    @Test
    void shouldReapIdleConnections() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, Map.of(Setting.GATE_IDLE_SECONDS, "1"));
             Socket sock = new Socket("127.0.0.1", s.node.gatePort())) {
            sock.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertEquals(-1, sock.getInputStream().read(), "a silent connection is closed");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8));
            assertEquals(1, s.node.metrics().idleReapedCount());
        }
    }

    @Test
    void shouldExposeMetricsHealthAndReadiness() throws Exception {
        try (ServerFixture s = new ServerFixture(dir); GateClient c = s.client()) {
            ReportDocument doc = TestWorld.report("NB26-400001");
            s.register(doc);
            s.verify(c, s.world.issue(doc, s.world.labA), EXPORTER);
            HttpResponse<String> m = s.get("/metrics");
            assertEquals(200, m.statusCode());
            for (String name : new String[]{"gcc_decisions_total{outcome=\"release\"} 1", "gcc_hold_reasons_total{reason=\"ITEM_EXPIRED\"}",
                    "gcc_decision_duration_seconds_bucket{le=\"+Inf\"} 1", "gcc_signature_check_duration_seconds_count 1",
                    "gcc_memo_hit_ratio", "gcc_worker_queue_depth", "gcc_busy_total", "gcc_open_connections 1",
                    "gcc_registry_entries 1", "gcc_registry_last_sequence 1", "gcc_trust_list_version 2", "gcc_audit_healthy 1"}) {
                assertTrue(m.body().contains(name), name + " in\n" + m.body());
            }
            assertEquals(200, s.get("/health").statusCode());
            HttpResponse<String> ready = s.get("/ready");
            assertEquals(200, ready.statusCode(), ready.body());
        }
    }

    @Test
    void shouldFinishInFlightRequestsOnGracefulShutdown() throws Exception {
        ServerFixture s = new ServerFixture(dir, Map.of(Setting.WORKER_THREADS, "1", Setting.WORKER_QUEUE, "64",
                Setting.WORKER_INLINE_SHARE, "0"));
        List<CompletableFuture<VerifyAnswer>> answers = new ArrayList<>();
        try (GateClient c = s.client()) {
            for (int i = 0; i < 40; i++) {
                ReportDocument doc = TestWorld.report("NB26-5" + String.format("%05d", i));
                s.register(doc);
                answers.add(c.verifyAsync(GateRequest.of(s.world.issue(doc, s.world.labAes), EXPORTER, "NGB-G04")));
            }
            s.close();
            int released = 0;
            for (CompletableFuture<VerifyAnswer> f : answers) {
                VerifyAnswer a = f.get(10, TimeUnit.SECONDS);
                if (a.released()) {
                    released++;
                } else {
                    assertTrue(a.decidedLocally(), "only local holds (busy, lost connection) may end a request here: " + a);
                }
            }
            assertTrue(released > 0, "requests accepted before the stop are answered");
            assertFalse(s.node.health().ready());
        }
        List<AuditRecord> records = new ArrayList<>();
        AuditQuery.scan(dir.resolve("audit"), new AuditQuery.Filter(null, null, "NGB-G04", 1, null, null), 100, records::add);
        assertTrue(records.size() >= answers.stream().filter(f -> f.join().released()).count(),
                "every release given before the stop is in the audit");
    }

}
