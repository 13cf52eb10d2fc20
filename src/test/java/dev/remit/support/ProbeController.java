package dev.remit.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelQuery;
import dev.remit.api.OneOf;
import dev.remit.api.UserOfLocation;
import dev.remit.tenancy.Caller;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import tools.jackson.databind.JsonNode;

/**
 * Test-only operations under /invoices/_probe that exercise the foundation (the gate, binding,
 * failures) the way the real controllers use it, independent of any one feature. Each carries a
 * real operationId of HighLevel's spec, so the gate applies that operation's security.
 */
@RestController
@RequestMapping("/invoices/_probe")
@io.swagger.v3.oas.annotations.Hidden // test-only: not part of the served description (ApiDocsTest reads it)
public class ProbeController {

    public record AltQuery(@NotBlank String altId, @NotNull @OneOf("location") String altType) {
    }

    public record Item(@NotBlank String name, @NotNull @Positive BigDecimal qty, @NotNull @Positive BigDecimal amount,
            @Valid List<Tax> taxes) {
    }

    public record Tax(@NotBlank String name, @NotNull @Positive BigDecimal rate) {
    }

    public record Body(@NotBlank String altId, @NotNull @OneOf("location") String altType, @NotBlank String name,
            @UserOfLocation String userId, @NotEmpty @Valid List<Item> items, Boolean liveMode) {
    }

    /** A read with get-invoice-settings' security (invoices.readonly, location and agency tokens). */
    @GetMapping("/settings")
    @HighLevelOperation("get-invoice-settings")
    Map<String, Object> read(@HighLevelQuery AltQuery query, Caller caller) {
        return Map.of("altId", query.altId(), "tokenId", caller.tokenId());
    }

    /** A write with create-invoice's security (invoices.write) that binds a nested body. */
    @PostMapping("/invoice")
    @HighLevelOperation("create-invoice")
    Map<String, Object> write(@HighLevelBody Body body) {
        return Map.of("name", body.name(), "items", body.items().size());
    }

    /** text2pay's security accepts location tokens only. */
    @PostMapping("/text2pay")
    @HighLevelOperation("text2pay-invoice")
    Map<String, Object> text2pay(@RequestBody JsonNode json, Caller caller) {
        return Map.of("tokenId", caller.tokenId());
    }

    /** A bug: an exception whose message is full of internals that must never reach the caller. */
    @GetMapping("/fail")
    @HighLevelOperation("get-invoice-settings")
    Map<String, Object> fail() {
        throw new IllegalStateException("SQL [select * from api_token] failed at dev.remit.Secret: org.springframework boom");
    }

    /** A failure reported by status alone, which the container routes through /error. */
    @GetMapping("/send-error")
    @HighLevelOperation("get-invoice-settings")
    void sendError(HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), "org.springframework.jdbc SQL details");
    }
}
