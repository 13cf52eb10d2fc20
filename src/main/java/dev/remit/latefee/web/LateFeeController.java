package dev.remit.latefee.web;

import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.api.LocationAccess;
import dev.remit.api.MongoId;
import dev.remit.api.OneOf;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.invoice.web.InvoiceMapper;
import dev.remit.invoice.web.InvoiceRequests.LateFeesConfiguration;
import dev.remit.latefee.LateFeeRules;
import dev.remit.latefee.LateFees;
import dev.remit.tenancy.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** PATCH /invoices/{invoiceId}/late-fees-configuration (docs/late-fees.md). */
@RestController
class LateFeeController {

    /** HighLevel's UpdateInvoiceLateFeesConfigurationDto. */
    record UpdateLateFees(
            @NotBlank @MongoId String altId,
            @NotNull @OneOf("location") String altType,
            @NotNull @Valid LateFeesConfiguration lateFeesConfiguration) {
    }

    private final LateFees lateFees;
    private final InvoiceMapper mapper;
    private final RequestBinder binder;
    private final LocationAccess access;
    private final ObjectMapper json;

    LateFeeController(LateFees lateFees, InvoiceMapper mapper, RequestBinder binder, LocationAccess access,
            ObjectMapper json) {
        this.lateFees = lateFees;
        this.mapper = mapper;
        this.binder = binder;
        this.access = access;
        this.json = json;
    }

    @PatchMapping(HighLevelPaths.INVOICE + "/late-fees-configuration")
    @HighLevelOperation("update-invoice-late-fees-configuration")
    public ObjectNode update(Caller caller, @PathVariable String invoiceId, @RequestBody JsonNode body) {
        JsonNode altId = body == null ? null : body.get("altId");
        access.requireIfPresent(caller, altId != null && altId.isString() ? altId.asString() : null);
        Violations violations = new Violations();
        UpdateLateFees request = binder.bind(body, UpdateLateFees.class, violations);
        LateFeeRules.check(request.lateFeesConfiguration(), "lateFeesConfiguration", violations);
        violations.throwIfAny();
        access.require(caller, request.altId());
        return mapper.view(lateFees.configure(request.altId(), invoiceId,
                json.valueToTree(request.lateFeesConfiguration())), false);
    }
}
