package org.cogateway.as4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A message the MSH cannot store (the database is down) is not the sender's fault: it gets no ebMS
 * answer but HTTP 503, so that the sender retries, and no library text. The refusals of hostile
 * messages are in the attack suite (org.cogateway.attack), against a real gateway and database.
 */
class StoreFailureTest {

    @Test
    void aFailingStoreGetsNoEbmsAnswerSoTheSenderRetries() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        As4Endpoint broken = new As4Endpoint(TestParties.JP, TestParties.jpCrypto(),
                TestParties.directory(TestParties.idPartner(URI.create("http://127.0.0.1:1/unused"))),
                (message, raw, receipt) -> {
                    throw new IllegalStateException("database down");
                }, Clock.systemUTC());
        broken.publish(endpoint.toString());
        try {
            HttpResponse<byte[]> response = Forger.send(endpoint, new Forger().build("store-down@id-gw", As4ExchangeTest.CO));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(new String(response.body())).doesNotContain("database down");
        } finally {
            broken.stop();
        }
    }
}
