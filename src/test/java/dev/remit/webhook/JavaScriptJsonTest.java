package dev.remit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook body is written as JavaScript's JSON.stringify writes the parsed body again, so that a
 * receiver verifying JSON.stringify(req.body), as HighLevel's guide does, verifies the signed bytes.
 */
class JavaScriptJsonTest {

    @Test
    void numbersAreWrittenAsJavaScriptWritesThem() {
        JsonMapper decimals = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        JsonMapper plain = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
        var tree = decimals.readTree("{\"total\":120.50,\"paid\":100.00,\"big\":12345678.90,\"qty\":3,\"rate\":8.25,"
                + "\"zero\":0.00,\"neg\":-5.10,\"items\":[{\"amount\":999.0}],\"text\":\"a/b é\"}");
        assertThat(plain.writeValueAsString(WebhookWorker.asJavaScriptWrites(tree))).isEqualTo(
                "{\"total\":120.5,\"paid\":100,\"big\":12345678.9,\"qty\":3,\"rate\":8.25,\"zero\":0,\"neg\":-5.1,"
                        + "\"items\":[{\"amount\":999}],\"text\":\"a/b é\"}");
    }
}
