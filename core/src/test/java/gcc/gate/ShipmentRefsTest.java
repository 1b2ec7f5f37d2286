package gcc.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShipmentRefsTest {
    @Test
    void shouldAcceptIso6346ContainersWithTheirCheckDigit() {
        // ISO 6346 numbers whose check digits were worked by hand from the standard's letter table.
        for (String ok : new String[]{"CSQU3054383", "MSKU9070323"}) {
            assertEquals(ShipmentRefs.OK, ShipmentRefs.checkContainer(ok), ok);
        }
    }

    @Test
    void shouldRefuseWrongContainers() {
        assertEquals(ShipmentRefs.BAD_CHECK_DIGIT, ShipmentRefs.checkContainer("CSQU3054384"));
        assertEquals(ShipmentRefs.BAD_SHAPE, ShipmentRefs.checkContainer("CSQX3054383"), "category must be U, J or Z");
        assertEquals(ShipmentRefs.BAD_SHAPE, ShipmentRefs.checkContainer("CSQU305438"), "too short");
        assertEquals(ShipmentRefs.BAD_SHAPE, ShipmentRefs.checkContainer("csqu3054383"), "lower case");
        assertEquals(ShipmentRefs.BAD_SHAPE, ShipmentRefs.checkContainer("CSQU30543A3"));
        assertEquals(ShipmentRefs.OK, ShipmentRefs.checkContainer(""), "not given");
    }

    @Test
    void shouldWantEighteenDigitDeclarations() {
        assertEquals(ShipmentRefs.OK, ShipmentRefs.checkDeclaration("310420261000123456"));
        assertEquals(ShipmentRefs.BAD_SHAPE, ShipmentRefs.checkDeclaration("31042026100012345"));
        assertEquals(ShipmentRefs.BAD_SHAPE, ShipmentRefs.checkDeclaration("31042026100012345X"));
        assertEquals(ShipmentRefs.OK, ShipmentRefs.checkDeclaration(null));
    }
}
