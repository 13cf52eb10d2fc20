package dev.remit.send;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.remit.api.ApiException;
import dev.remit.api.HighLevelBody;
import dev.remit.api.HighLevelOperation;
import dev.remit.delivery.Channel;
import dev.remit.estimate.web.EstimateViews;
import dev.remit.send.SendController.ChannelData;
import dev.remit.send.SendRequests.SendEstimate;
import dev.remit.tenancy.Ids;
import dev.remit.tenancy.Location;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /invoices/estimate/{estimateId}/send (send-estimate): 201 with the estimate as every estimate
 * operation answers it, plus remit's own {@code estimateUrl} (the public page, what send_manually
 * gives to share) and, as send-invoice has them, {@code emailData} and {@code smsData}.
 */
@RestController
class EstimateSendController {

    private final SendEstimateService sender;
    private final EstimateViews estimateJson;
    private final ObjectMapper json;

    EstimateSendController(SendEstimateService sender, EstimateViews estimateJson, ObjectMapper json) {
        this.sender = sender;
        this.estimateJson = estimateJson;
        this.json = json;
    }

    /** The answer is JSON text, as an Idempotency-Key replays it byte for byte. */
    @PostMapping(path = "/invoices/estimate/{estimateId}/send", produces = MediaType.APPLICATION_JSON_VALUE)
    @HighLevelOperation("send-estimate")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE))
    ResponseEntity<String> send(@PathVariable String estimateId, @HighLevelBody SendEstimate body, Location location,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (!Ids.isValid(estimateId)) {
            throw ApiException.notFound("Estimate not found");
        }
        SendEstimateService.Command command = new SendEstimateService.Command(
                SendInvoiceService.Action.fromWire(body.action()), body.liveMode(), body.userId(),
                body.sentFrom() == null ? null : body.sentFrom().fromName(),
                body.sentFrom() == null ? null : body.sentFrom().fromEmail());
        String response = sender.send(location, estimateId, command, idempotencyKey, json.valueToTree(body), sent -> {
            ObjectNode answer = estimateJson.of(sent.estimate());
            answer.put("estimateUrl", sent.estimateUrl());
            answer.set("emailData", json.valueToTree(ChannelData.of(sent.emails(), Channel.EMAIL)));
            answer.set("smsData", json.valueToTree(ChannelData.of(sent.sms(), Channel.SMS)));
            return json.writeValueAsString(answer);
        });
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(response);
    }
}
