package org.streamingetl.common.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AvroFieldNamesTest {

    @Test
    void aValidNameStaysAsItIs() {
        assertEquals("customer_id", AvroFieldNames.of("customer_id"));
        assertEquals("_x9", AvroFieldNames.of("_x9"));
    }

    @Test
    void everyOtherCharacterBecomesItsUnicodeEscape() {
        assertEquals("a_u0020b", AvroFieldNames.of("a b"));
        assertEquals("_u0031st", AvroFieldNames.of("1st"));
        assertEquals("pr_u00e9nom", AvroFieldNames.of("prénom"));
        assertEquals("a_u002db", AvroFieldNames.of("a-b"));
    }
}
