package dev.remit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** The harness every API test relies on: it must pass the seed's own answer and catch a broken one. */
class ContractValidatorTest {

    private static final String SEND = "/invoices/6578278e879ad2646715ba9c/send";
    private static final String GET = "/invoices/6578278e879ad2646715ba9c";

    private final ContractValidator contract = ContractValidator.get();

    @Test
    void theSeedsExampleResponsePasses() {
        assertThat(contract.problems("POST", SEND, 200, "application/json", seedResponse().toString())).isEmpty();
    }

    @Test
    void propertiesTheSpecDoesNotListAreAllowedAsOpenApiSays() {
        ObjectNode response = seedResponse();
        ((ObjectNode) response.get("invoice")).put("termsNotes", "Net 30");
        assertThat(contract.problems("POST", SEND, 200, "application/json", response.toString())).isEmpty();
    }

    @Test
    void aMissingRequiredFieldFails() {
        ObjectNode invoice = (ObjectNode) seedResponse().get("invoice");
        invoice.remove("total");
        invoice.putObject("totalSummary").put("subTotal", 1).put("discount", 0).put("tax", 0);
        assertThat(contract.problems("GET", GET, 200, "application/json", invoice.toString())).isNotEmpty();
    }

    @Test
    void anInvoiceNumberThatIsNotAStringFails() {
        ObjectNode response = seedResponse();
        ((ObjectNode) response.get("invoice")).put("invoiceNumber", 19);
        assertThat(contract.problems("POST", SEND, 200, "application/json", response.toString())).isNotEmpty();
    }

    @Test
    void aStatusOutsideTheSpecsListFails() {
        ObjectNode response = seedResponse();
        ((ObjectNode) response.get("invoice")).put("status", "overdue");
        assertThat(contract.problems("POST", SEND, 200, "application/json", response.toString())).isNotEmpty();
    }

    @Test
    void theReadmesErrorAnswersPass() {
        assertThat(contract.problems("GET", GET, 404, "application/json",
                "{\"statusCode\":404,\"message\":\"Invoice not found\",\"error\":\"Not Found\"}")).isEmpty();
        assertThat(contract.problems("GET", GET, 422, "application/json",
                "{\"statusCode\":422,\"message\":\"altId should not be empty\",\"error\":\"Unprocessable Entity\"}"))
                .as("a 422 message must be an array").isNotEmpty();
    }

    /** The example response on the seed's page (shared/seed), read from the file itself. */
    static ObjectNode seedResponse() {
        try {
            Path seed = Path.of("..", "shared", "seed", "000_ef03be4f768ff803.txt");
            if (!Files.exists(seed)) {
                seed = Path.of("src", "test", "resources", "seed-send-response.json");
            }
            String text = Files.readString(seed);
            int start = text.indexOf("'{") + 1;
            String json = start > 0 ? text.substring(start, text.indexOf("}API to send")  + 1) : text;
            return (ObjectNode) ApiClient.tree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
