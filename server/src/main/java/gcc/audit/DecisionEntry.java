package gcc.audit;

/**
 * One decision as the audit takes it: a reusable view over caller-owned bytes (the received
 * frame, the claims), so the gate fills it without allocating and {@link DecisionAudit#record}
 * copies what it keeps. Lengths beyond the stored widths (gate 32, exporter 18, report id 32,
 * declaration 18, container 11 bytes) are cut by the audit.
 *
 * <p>Not thread-safe; one per thread, refilled for every decision.
 */
public final class DecisionEntry {
    /** Outcome codes as stored (the same numbers as the gate's answer status). */
    public static final byte RELEASE = 1;
    public static final byte HOLD = 2;

    private static final byte[] NONE = new byte[0];

    private long timeMicros;
    private DecisionAudit.Source source = DecisionAudit.Source.GATE_TCP;
    private byte[] gate = NONE;
    private int gateOff;
    private int gateLen;
    private int lane;
    private byte[] exporter = NONE;
    private int exporterOff;
    private int exporterLen;
    private byte[] reportId = NONE;
    private int reportIdOff;
    private int reportIdLen;
    private byte[] declaration = NONE;
    private int declarationOff;
    private int declarationLen;
    private byte[] container = NONE;
    private int containerOff;
    private int containerLen;
    private boolean released;
    private long reasons;
    private int micros;
    private long decidedForSecond;

    /** Where the decision was asked: channel, gate id and lane. Starts a new entry: no declaration link yet. */
    public DecisionEntry origin(DecisionAudit.Source source, byte[] gate, int off, int len, int lane) {
        this.declarationLen = 0;
        this.containerLen = 0;
        this.source = source;
        this.gate = gate;
        this.gateOff = off;
        this.gateLen = len;
        this.lane = lane;
        return this;
    }

    /** The declaring exporter's USCC bytes. */
    public DecisionEntry exporter(byte[] b, int off, int len) {
        this.exporter = b;
        this.exporterOff = off;
        this.exporterLen = len;
        return this;
    }

    /** The customs declaration (entry) number the gate gave ({@code len} 0 for none). */
    public DecisionEntry declaration(byte[] b, int off, int len) {
        this.declaration = b;
        this.declarationOff = off;
        this.declarationLen = len;
        return this;
    }

    /** The container number the gate gave ({@code len} 0 for none). */
    public DecisionEntry container(byte[] b, int off, int len) {
        this.container = b;
        this.containerOff = off;
        this.containerLen = len;
        return this;
    }

    public byte[] declaration() {
        return declaration;
    }

    public int declarationOff() {
        return declarationOff;
    }

    public int declarationLen() {
        return declarationLen;
    }

    public byte[] container() {
        return container;
    }

    public int containerOff() {
        return containerOff;
    }

    public int containerLen() {
        return containerLen;
    }

    /** The report the code named ({@code len} 0 when the code could not be read). */
    public DecisionEntry reportId(byte[] b, int off, int len) {
        this.reportId = b == null ? NONE : b;
        this.reportIdOff = off;
        this.reportIdLen = b == null ? 0 : len;
        return this;
    }

    /** The outcome, its reason mask, server time in microseconds and when it was decided. */
    public DecisionEntry outcome(boolean released, long reasons, int micros, long timeMicros) {
        this.released = released;
        this.reasons = reasons;
        this.micros = micros;
        this.timeMicros = timeMicros;
        return this;
    }

    /**
     * The date the decision was made for, epoch seconds: a pre-check's {@code at} (a forwarder's
     * expected arrival), or 0 when it was decided for the moment it was made (every gate scan).
     */
    public DecisionEntry decidedFor(long epochSecond) {
        this.decidedForSecond = epochSecond;
        return this;
    }

    public long decidedForSecond() {
        return decidedForSecond;
    }

    public long timeMicros() {
        return timeMicros;
    }

    public DecisionAudit.Source source() {
        return source;
    }

    public byte[] gate() {
        return gate;
    }

    public int gateOff() {
        return gateOff;
    }

    public int gateLen() {
        return gateLen;
    }

    public int lane() {
        return lane;
    }

    public byte[] exporter() {
        return exporter;
    }

    public int exporterOff() {
        return exporterOff;
    }

    public int exporterLen() {
        return exporterLen;
    }

    public byte[] reportId() {
        return reportId;
    }

    public int reportIdOff() {
        return reportIdOff;
    }

    public int reportIdLen() {
        return reportIdLen;
    }

    public boolean released() {
        return released;
    }

    /** {@link #RELEASE} or {@link #HOLD}. */
    public byte outcomeCode() {
        return released ? RELEASE : HOLD;
    }

    public long reasons() {
        return reasons;
    }

    public int micros() {
        return micros;
    }
}
