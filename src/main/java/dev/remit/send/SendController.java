package dev.remit.send;

import java.util.List;
import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.api.HighLevelPaths;
import dev.remit.delivery.Channel;
import dev.remit.delivery.Queued;
import dev.remit.invoice.web.InvoiceResponse;
import dev.remit.send.SendRequests.SendInvoice;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** POST /invoices/{invoiceId}/send (send-invoice); see docs/delivery.md. */
@RestController
class SendController {

    /**
     * The spec's answer, with remit's additions (the schema allows more properties): the public link, for
     * send_manually to share, and what was accepted but will not work as asked (an auto-payment with no
     * Stripe to charge it).
     */
    record SendResponse(InvoiceResponse invoice, ChannelData smsData, ChannelData emailData, String invoiceUrl,
            List<String> warnings) {
    }

    /** What was queued on one channel; {} when it was not used. */
    record ChannelData(String channel, String status, Boolean sandboxed, List<Message> messages) {
        static ChannelData of(List<Queued> queued, Channel channel) {
            if (queued.isEmpty()) {
                return new ChannelData(null, null, null, null);
            }
            return new ChannelData(channel.wire(), queued.get(0).status().wire(), queued.get(0).sandboxed(),
                    queued.stream().map(q -> new Message(q.id(), q.messageId(), q.recipients(),
                            q.status().wire().toLowerCase(Locale.ROOT))).toList());
        }
    }

    record Message(String id, String messageId, List<String> to, String status) {
    }

    private final SendInvoiceService sender;
    private final ObjectMapper json;

    SendController(SendInvoiceService sender, ObjectMapper json) {
        this.sender = sender;
        this.json = json;
    }

    /** The answer is JSON text, as an Idempotency-Key replays it byte for byte. */
    @PostMapping(path = HighLevelPaths.INVOICE + "/send", produces = MediaType.APPLICATION_JSON_VALUE)
    @HighLevelOperation("send-invoice")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SendResponse.class)))
    ResponseEntity<String> send(@PathVariable String invoiceId, @HighLevelBody SendInvoice body, Location location,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (!Ids.isValid(invoiceId)) {
            throw ApiException.notFound("Invoice not found");
        }
        SendInvoiceService.Command command = new SendInvoiceService.Command(
                SendInvoiceService.Action.fromWire(body.action()), body.liveMode(),
                body.sentFrom() == null ? null : body.sentFrom().fromName(),
                body.sentFrom() == null ? null : body.sentFrom().fromEmail(),
                autoPayment(body.autoPayment()));
        String response = sender.send(location, invoiceId, command, idempotencyKey, json.valueToTree(body),
                sent -> json.writeValueAsString(new SendResponse(InvoiceResponse.of(sent.invoice()),
                        ChannelData.of(sent.sms(), Channel.SMS), ChannelData.of(sent.emails(), Channel.EMAIL),
                        sent.invoiceUrl(), sent.warnings().isEmpty() ? null : sent.warnings())));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    /** autoPayment as given (references and display details only); enable false clears it. */
    private JsonNode autoPayment(SendRequests.AutoPayment given) {
        if (given == null) {
            return null;
        }
        return Boolean.TRUE.equals(given.enable()) ? json.valueToTree(given) : json.createObjectNode().put("enable", false);
    }
}
