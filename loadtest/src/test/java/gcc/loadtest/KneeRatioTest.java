package gcc.loadtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The knee ratio is judged only where the two searches can tell it: a capped knee is a lower bound. */
class KneeRatioTest {
    private static LoadTestMain.Knee knee(long best, boolean capped) {
        return new LoadTestMain.Knee(best, List.of(), capped);
    }

    @Test
    void shouldJudgeTwoKneesFoundInsideTheSearch() {
        assertEquals(0.75, LoadTestMain.kneeRatio(knee(30_000, false), knee(40_000, false), 0.8), 1e-9);
    }

    @Test
    void shouldNotClaimAPassWhenRedisHeldEveryStep() {
        // 50,000 / at-least-60,000: at most 0.83, which may be below 0.8
        assertNull(LoadTestMain.kneeRatio(knee(50_000, false), knee(60_000, true), 0.8));
        // at most 0.5: a miss whatever Redis's true knee
        assertEquals(0.5, LoadTestMain.kneeRatio(knee(30_000, false), knee(60_000, true), 0.8), 1e-9);
    }

    @Test
    void shouldNotClaimAMissWhenTheGateHeldEveryStep() {
        assertNull(LoadTestMain.kneeRatio(knee(60_000, true), knee(90_000, false), 0.8));
        assertEquals(1.2, LoadTestMain.kneeRatio(knee(60_000, true), knee(50_000, false), 0.8), 1e-9);
    }

    @Test
    void shouldLeaveItUnmeasuredWhenRedisHeldNothingOrBothHeldEverything() {
        assertNull(LoadTestMain.kneeRatio(knee(0, false), knee(0, false), 0.8));
        assertNull(LoadTestMain.kneeRatio(knee(60_000, true), knee(60_000, true), 0.8));
        assertNull(LoadTestMain.kneeRatio(knee(5_000, false), null, 0.8));
    }
}
