package dev.remit.latefee.web;

import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.invoice.web.InvoiceRequests.LateFeesConfiguration;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.latefee.LateFeeLimits;
import dev.remit.latefee.LateFees;
import dev.remit.tenancy.Location;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.ObjectMapper;

/** PATCH /invoices/{invoiceId}/late-fees-configuration (docs/late-fees.md). */
@RestController
class LateFeeController {

    /** HighLevel's UpdateInvoiceLateFeesConfigurationDto. */
    public record UpdateLateFees(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull @Valid @LateFeeLimits LateFeesConfiguration lateFeesConfiguration) {
    }

    private final LateFees lateFees;
    private final ObjectMapper json;

    LateFeeController(LateFees lateFees, ObjectMapper json) {
        this.lateFees = lateFees;
        this.json = json;
    }

    @PatchMapping(HighLevelPaths.INVOICE + "/late-fees-configuration")
    @HighLevelOperation("update-invoice-late-fees-configuration")
    public InvoiceResponse update(@PathVariable String invoiceId, @HighLevelBody UpdateLateFees body, Location location) {
        return InvoiceResponse.of(lateFees.configure(location.id(), invoiceId, json.valueToTree(body.lateFeesConfiguration())));
    }
}
