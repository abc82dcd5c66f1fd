package org.streamingetl.sink.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetTest {

    private static final List<String> URLS = List.of("http://a:8123", "http://b:8123", "http://c:8123");

    private static ClickHouseRequestException unreachable(String url) {
        return ClickHouseRequestException.of(url, "SELECT 1", new ConnectException("Connection refused"));
    }

    @Test
    void requestsGoToTheFirstReplicaWhileItAnswers() {
        ReplicaSet<String> set = new ReplicaSet<>(URLS, url -> url);
        List<String> asked = new ArrayList<>();
        assertEquals("http://a:8123", set.call((url, member) -> {
            asked.add(url);
            return member;
        }));
        assertEquals(List.of("http://a:8123"), asked);
        assertEquals("http://a:8123", set.currentUrl());
    }

    @Test
    void anUnreachableReplicaIsSkippedAndTheNextOneStaysCurrent() {
        ReplicaSet<String> set = new ReplicaSet<>(URLS, url -> url);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            set.call((url, member) -> {
                asked.add(url);
                if (url.equals("http://a:8123")) {
                    throw unreachable(url);
                }
                return url;
            });
        }
        assertEquals(List.of("http://a:8123", "http://b:8123", "http://b:8123"), asked);
        assertEquals("http://b:8123", set.currentUrl());
    }

    @Test
    void anErrorAnswerIsTheRequestsOwnAndNotAFailover() {
        ReplicaSet<String> set = new ReplicaSet<>(URLS, url -> url);
        ClickHouseRequestException refused = new ClickHouseRequestException("bad SQL", null);
        List<String> asked = new ArrayList<>();
        assertSame(refused, assertThrows(ClickHouseRequestException.class, () -> set.call((url, member) -> {
            asked.add(url);
            throw refused;
        })));
        assertEquals(List.of("http://a:8123"), asked);
        assertEquals("http://a:8123", set.currentUrl());
    }

    @Test
    void whenNoReplicaAnswersTheLastFailureIsThrownAndTheCurrentReplicaStays() {
        ReplicaSet<String> set = new ReplicaSet<>(URLS, url -> url);
        ClickHouseRequestException e = assertThrows(ClickHouseRequestException.class,
                () -> set.call((url, member) -> {
                    throw unreachable(url);
                }));
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("http://c:8123"), e.getMessage());
        assertEquals("http://a:8123", set.currentUrl());
    }

    @Test
    void theSearchStartsAtTheCurrentReplicaAndWrapsAround() {
        ReplicaSet<String> set = new ReplicaSet<>(URLS, url -> url);
        set.call((url, member) -> {
            if (!url.equals("http://c:8123")) {
                throw unreachable(url);
            }
            return url;
        });
        assertEquals("http://c:8123", set.currentUrl());
        List<String> asked = new ArrayList<>();
        set.call((url, member) -> {
            asked.add(url);
            if (url.equals("http://c:8123")) {
                throw unreachable(url);
            }
            return url;
        });
        assertEquals(List.of("http://c:8123", "http://a:8123"), asked);
        assertEquals("http://a:8123", set.currentUrl());
    }
}
