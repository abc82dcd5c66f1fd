package org.streamingetl.registrar.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.topics.TableId;

class TableStatementsTest {

    private static TableId t(String name) {
        return new TableId("shop", name);
    }

    @Test
    void renameTableResendsTheNewNameAndTouchesBoth() {
        TableStatements s = TableStatements.of("RENAME TABLE r1 TO r2", "shop");
        assertEquals(Set.of(t("r1"), t("r2")), s.touched());
        assertEquals(Set.of(t("r2")), s.resend());
    }

    @Test
    void onlineSchemaChangeSwapResendsBothNewNames() {
        TableStatements s = TableStatements.of("RENAME TABLE `t` TO `_t_del`, `_t_gho` TO `t`", "shop");
        assertEquals(Set.of(t("t"), t("_t_del"), t("_t_gho")), s.touched());
        assertEquals(Set.of(t("_t_del"), t("t")), s.resend());
    }

    @Test
    void chainedRenameResendsOnlyTheLastName() {
        TableStatements s = TableStatements.of("rename tables if exists a to b, b to c", "shop");
        assertEquals(Set.of(t("c")), s.resend());
    }

    @Test
    void qualifiedAndQuotedNamesWithDotsAndBackquotes() {
        TableStatements s = TableStatements.of("RENAME TABLE `my.db`.`we``ird-name.x` WAIT 5 TO other.t2", "shop");
        assertEquals(Set.of(new TableId("my.db", "we`ird-name.x"), new TableId("other", "t2")), s.touched());
        assertEquals(Set.of(new TableId("other", "t2")), s.resend());
    }

    @Test
    void alterTableRenameToOrAs() {
        assertEquals(Set.of(t("r3")), TableStatements.of("ALTER TABLE r2 RENAME TO r3", "shop").resend());
        assertEquals(Set.of(t("r3")), TableStatements.of("ALTER TABLE `r2` RENAME AS `r3`", "shop").resend());
        assertEquals(Set.of(t("r3")), TableStatements.of("ALTER TABLE r2 ADD COLUMN x INT, RENAME r3", "shop").resend());
    }

    @Test
    void columnAndIndexRenamesAreNotTableRenames() {
        assertEquals(Set.of(), TableStatements.of("ALTER TABLE t RENAME COLUMN a TO b", "shop").touched());
        assertEquals(Set.of(), TableStatements.of("ALTER TABLE t RENAME INDEX a TO b", "shop").touched());
        assertEquals(Set.of(), TableStatements.of("ALTER TABLE t RENAME KEY a TO b", "shop").touched());
    }

    @Test
    void partitionStatementsThatRemoveOrMoveRows() {
        assertEquals(Set.of(t("part")), TableStatements.of("ALTER TABLE part DROP PARTITION p0", "shop").resend());
        assertEquals(Set.of(t("part")), TableStatements.of("alter table part truncate partition p0, p1", "shop").resend());
        assertEquals(Set.of(t("ex"), t("ex2")),
                TableStatements.of("ALTER TABLE ex EXCHANGE PARTITION p0 WITH TABLE ex2", "shop").resend());
        assertEquals(Set.of(t("p"), t("archive")),
                TableStatements.of("ALTER TABLE p CONVERT PARTITION p0 TO TABLE archive", "shop").resend());
        assertEquals(Set.of(t("p"), t("staging")),
                TableStatements.of("ALTER TABLE p CONVERT TABLE staging TO PARTITION p9 VALUES LESS THAN (90)", "shop")
                        .resend());
    }

    @Test
    void partitionStatementsThatKeepEveryRowAndOtherStatementsResendNothing() {
        for (String ddl : new String[] {"ALTER TABLE part ADD PARTITION (PARTITION p9 VALUES LESS THAN (99))",
                "ALTER TABLE part REORGANIZE PARTITION p1 INTO (PARTITION p1a VALUES LESS THAN (20))",
                "ALTER TABLE part COALESCE PARTITION 2", "ALTER TABLE part REMOVE PARTITIONING",
                "ALTER TABLE t ADD COLUMN c VARCHAR(20) DEFAULT 'drop partition' COMMENT 'rename to x'",
                "CREATE TABLE lk LIKE r3", "DROP TABLE t", "TRUNCATE TABLE t", "INSERT INTO t VALUES (1)"}) {
            assertEquals(Set.of(), TableStatements.of(ddl, "shop").resend(), ddl);
        }
    }
}
