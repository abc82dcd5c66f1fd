package org.streamingetl.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.v2.beans.Error;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** Which converter failures are a registry outage (Kafka Connect retries them) and which are not. */
class CachingAvroConverterOutageTest {

    private static Error error(Integer code, String name, String message) {
        Error e = new Error();
        e.setErrorCode(code);
        e.setName(name);
        e.setMessage(message);
        return e;
    }

    @Test
    void aRegistryThatCannotBeReachedOrFailsIsAnOutage() {
        // Apicurio's client turns "connection refused" into a RestClientException without a status code.
        assertEquals("ConnectException: Connection refused", CachingAvroConverter.registryOutage(
                new RestClientException(error(null, "ConnectException", "Connection refused"))));
        assertEquals("HTTP 503 ServiceUnavailable", CachingAvroConverter.registryOutage(
                new RestClientException(error(503, "ServiceUnavailable", null))));
        assertEquals("HttpTimeoutException: request timed out", CachingAvroConverter.registryOutage(
                new IllegalStateException(new HttpTimeoutException("request timed out"))));
        assertEquals("ConnectException", CachingAvroConverter.registryOutage(
                new DataException("wrapped", new ConnectException())));
    }

    @Test
    void aRegistryThatAnswersNoOrAFailureWithoutTheRegistryIsNot() {
        assertNull(CachingAvroConverter.registryOutage(new RestClientException(error(409, "RuleViolationException", "incompatible"))));
        assertNull(CachingAvroConverter.registryOutage(new RestClientException(error(400, "BadRequest", "bad schema"))));
        assertNull(CachingAvroConverter.registryOutage(new DataException("not a Struct")));
    }
}
