package gcc.gatetcp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The budget's arithmetic on a clock the test moves: no timing, no threads. */
class InlineCheckBudgetTest {
    private static final long W = InlineCheckBudget.WINDOW_NANOS;

    @Test
    void shouldAllowABurstOfAWindowsShareThenOnlyWhatTheShareEarns() {
        InlineCheckBudget b = new InlineCheckBudget(25);
        assertEquals(W / 4, b.burstNanos());
        long t = 1_000_000_000L;
        assertTrue(b.mayCheck(t));
        b.charge(300_000);
        assertTrue(b.mayCheck(t), "200 us of the 500 us burst left");
        b.charge(300_000);
        assertFalse(b.mayCheck(t), "100 us in debt: the next check goes to a worker");
        assertFalse(b.mayCheck(t + 400_000), "400 us at 25 % earns exactly the 100 us debt back, not more");
        assertTrue(b.mayCheck(t + 404_000), "4 us later it has earned 1 us");
    }

    @Test
    void shouldCarryASlowChecksDebtAcrossWindows() {
        InlineCheckBudget b = new InlineCheckBudget(1);
        long t = 0;
        assertTrue(b.mayCheck(t));
        b.charge(3 * W); // a cold check: 6 ms
        assertFalse(b.mayCheck(t + 3 * W), "a window edge does not forgive the debt");
        long repaid = (3 * W - W / 100) * 100; // the debt earned back at 1 %
        assertFalse(b.mayCheck(t + repaid));
        assertTrue(b.mayCheck(t + repaid + 100));
    }

    @Test
    void shouldNotSaveMoreThanOneBurstWhileIdle() {
        InlineCheckBudget b = new InlineCheckBudget(50);
        assertTrue(b.mayCheck(0));
        assertTrue(b.mayCheck(3_600_000_000_000L), "an hour idle");
        b.charge(W / 2);
        assertFalse(b.mayCheck(3_600_000_000_000L), "only one burst was saved, and it is spent");
    }

    @Test
    void shouldNeverCheckOnTheLoopWithAShareOfZero() {
        InlineCheckBudget b = new InlineCheckBudget(0);
        assertFalse(b.mayCheck(0));
        assertFalse(b.mayCheck(W * 10));
    }

    @Test
    void shouldRefuseASharePastTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new InlineCheckBudget(101));
        assertThrows(IllegalArgumentException.class, () -> new InlineCheckBudget(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InlineCheckBudget.checkShare(101));
        assertTrue(e.getMessage().contains("workers.inline-share-percent"), "names the setting to fix: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InlineCheckBudget.checkShare(-1));
        assertEquals(0, InlineCheckBudget.checkShare(0));
        assertEquals(100, InlineCheckBudget.checkShare(100));
    }
}
