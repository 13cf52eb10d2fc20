package dev.remit.send;

import java.util.List;
import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.api.LocationAccess;
import dev.remit.api.RequestBinder;
import dev.remit.api.Violations;
import dev.remit.delivery.Channel;
import dev.remit.delivery.Queued;
import dev.remit.invoice.web.InvoiceMapper;
import dev.remit.send.SendRequests.SendInvoice;
import dev.remit.tenancy.Caller;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /invoices/{invoiceId}/send (send-invoice); see docs/delivery.md. */
@RestController
class SendController {

    private final SendInvoiceService sender;
    private final RequestBinder binder;
    private final LocationAccess access;
    private final InvoiceMapper mapper;
    private final ObjectMapper json;

    SendController(SendInvoiceService sender, RequestBinder binder, LocationAccess access, InvoiceMapper mapper,
            ObjectMapper json) {
        this.sender = sender;
        this.binder = binder;
        this.access = access;
        this.mapper = mapper;
        this.json = json;
    }

    @PostMapping(path = HighLevelPaths.INVOICE + "/send", produces = MediaType.APPLICATION_JSON_VALUE)
    @HighLevelOperation("send-invoice")
    ResponseEntity<String> send(Caller caller, @PathVariable String invoiceId, @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        JsonNode altId = body == null ? null : body.get("altId");
        access.requireIfPresent(caller, altId != null && altId.isString() ? altId.asString() : null);
        Violations violations = new Violations();
        SendInvoice request = binder.bind(body, SendInvoice.class, violations);
        if (request.altId() != null && Ids.isValid(request.altId())) {
            access.checkUser(request.userId(), request.altId(), violations);
        }
        violations.throwIfAny();
        Location location = access.location(request.altId());
        if (!Ids.isValid(invoiceId)) {
            throw ApiException.notFound("Invoice not found");
        }
        SendInvoiceService.Command command = new SendInvoiceService.Command(
                SendInvoiceService.Action.fromWire(request.action()), request.liveMode(),
                request.sentFrom() == null ? null : request.sentFrom().fromName(),
                request.sentFrom() == null ? null : request.sentFrom().fromEmail(),
                autoPayment(body));
        String response = sender.send(location, invoiceId, command, idempotencyKey, body, this::render);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    /** autoPayment as given (references and display details only); enable false clears it. */
    private JsonNode autoPayment(JsonNode body) {
        JsonNode given = body.get("autoPayment");
        if (given == null || !given.isObject()) {
            return null;
        }
        if (!given.path("enable").asBoolean(false)) {
            ObjectNode off = json.createObjectNode();
            off.put("enable", false);
            return off;
        }
        return given.deepCopy();
    }

    private String render(SendInvoiceService.Sent sent) {
        ObjectNode answer = json.createObjectNode();
        answer.set("invoice", mapper.view(sent.invoice(), false));
        answer.set("smsData", channelData(sent.sms(), Channel.SMS));
        answer.set("emailData", channelData(sent.emails(), Channel.EMAIL));
        // remit's addition (the schema allows more properties): the public link, for send_manually to share
        answer.put("invoiceUrl", sent.invoiceUrl());
        if (!sent.warnings().isEmpty()) {
            // also remit's: what was accepted but will not work as asked (an auto-payment with no Stripe to charge it)
            sent.warnings().forEach(answer.putArray("warnings")::add);
        }
        return json.writeValueAsString(answer);
    }

    /** What was queued on one channel; {} when it was not used. */
    private ObjectNode channelData(List<Queued> queued, Channel channel) {
        ObjectNode data = json.createObjectNode();
        if (queued.isEmpty()) {
            return data;
        }
        data.put("channel", channel.wire());
        data.put("status", queued.get(0).status().wire());
        data.put("sandboxed", queued.get(0).sandboxed());
        ArrayNode messages = data.putArray("messages");
        for (Queued q : queued) {
            ObjectNode message = messages.addObject();
            message.put("id", q.id());
            message.put("messageId", q.messageId());
            ArrayNode to = message.putArray("to");
            q.recipients().forEach(to::add);
            message.put("status", q.status().wire().toLowerCase(Locale.ROOT));
        }
        return data;
    }
}
