package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.remit.support.ApiResponse;
import dev.remit.support.ApiTestBase;

class SmokeTest extends ApiTestBase {

    @Test
    void unknownPathsAnswer404InHighLevelsShape() {
        ApiResponse response = anonymous().extension().get("/invoices/no/such/thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("statusCode").asInt()).isEqualTo(404);
        assertThat(response.json().path("error").asString()).isEqualTo("Not Found");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void healthIsUp() {
        ApiResponse response = anonymous().extension().get("/actuator/health/readiness");
        assertThat(response.status()).isEqualTo(200);
    }
}
