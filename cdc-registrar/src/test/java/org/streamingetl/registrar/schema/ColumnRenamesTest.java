package org.streamingetl.registrar.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnRenamesTest {

    @Test
    void renameColumnWithAndWithoutBackquotes() {
        assertEquals(Map.of("name", "label"), ColumnRenames.of("ALTER TABLE items RENAME COLUMN name TO label"));
        assertEquals(Map.of("a b", "c`d"), ColumnRenames.of("alter table `shop`.`items` rename column `a b` to `c``d`"));
    }

    @Test
    void severalClausesInOneStatementKeepTheirOrder() {
        assertEquals(Map.of("a", "x", "b", "y"),
                ColumnRenames.of("ALTER TABLE t RENAME COLUMN a TO x, ADD COLUMN z INT, CHANGE COLUMN b y BIGINT"));
    }

    @Test
    void changeWithTheSameNameIsATypeChangeNotARename() {
        assertEquals(Map.of(), ColumnRenames.of("ALTER TABLE t CHANGE COLUMN amount amount DECIMAL(20,2)"));
        assertEquals(Map.of("qty", "quantity"), ColumnRenames.of("ALTER TABLE t CHANGE qty quantity INT NOT NULL"));
    }

    @Test
    void otherStatementsAndTextInsideLiteralsOrCommentsAreNoRenames() {
        assertEquals(Map.of(), ColumnRenames.of("ALTER TABLE t ADD COLUMN note VARCHAR(20) DEFAULT 'RENAME COLUMN a TO b'"));
        assertEquals(Map.of(), ColumnRenames.of("ALTER TABLE t MODIFY c INT /* CHANGE a b INT */"));
        assertEquals(Map.of(), ColumnRenames.of("RENAME TABLE a TO b"));
        assertEquals(Map.of(), ColumnRenames.of("CREATE TABLE t (id INT)"));
        assertEquals(Map.of(), ColumnRenames.of(null));
    }
}
