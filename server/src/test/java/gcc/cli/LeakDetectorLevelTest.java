package gcc.cli;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A served gate runs without Netty's sampling leak detector unless the operator asks for it. */
class LeakDetectorLevelTest {
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final String property = System.getProperty("io.netty.leakDetection.level");

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
        if (property == null) {
            System.clearProperty("io.netty.leakDetection.level");
        } else {
            System.setProperty("io.netty.leakDetection.level", property);
        }
    }

    @Test
    void shouldTurnTheDetectorOffWhenNoLevelWasAskedFor() {
        System.clearProperty("io.netty.leakDetection.level");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        ServeCommand.quietLeakDetector();
        assertEquals(ResourceLeakDetector.Level.DISABLED, ResourceLeakDetector.getLevel());
    }

    @Test
    void shouldKeepTheLevelAnOperatorAskedFor() {
        System.setProperty("io.netty.leakDetection.level", "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ServeCommand.quietLeakDetector();
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    }
}
