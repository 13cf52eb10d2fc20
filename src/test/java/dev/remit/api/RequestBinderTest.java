package dev.remit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RequestBinder on records of its own: NestJS's ValidationPipe (whitelist, forbidNonWhitelisted) in Java. */
class RequestBinderTest {

    enum Channel { email, sms, @JsonProperty("send_manually") MANUAL }

    record Tax(@JsonProperty("_id") String id, @NotBlank String name, @NotNull @Positive BigDecimal rate) {
    }

    record Item(@NotBlank String name, @NotNull @Positive BigDecimal qty, @Valid List<Tax> taxes) {
    }

    record Contact(@NotBlank String name, @Email String email) {
    }

    record Invoice(@NotBlank @MongoId String altId, @NotNull @OneOf("location") String altType,
            @NotNull @Valid Contact contact, @NotEmpty @Valid List<Item> items, Channel channel, Integer count,
            Long big, Boolean live, @IsoDate String dueDate, LocalDate issueDate, JsonNode meta,
            Map<String, Object> extra) {
    }

    record Page(@NotNull @Min(1) @Max(100) Integer limit, @NotNull @Min(0) Integer offset, Boolean archived,
            @NotBlank String altId) {
    }

    private final RequestBinder binder = new RequestBinder(JsonMapper.builder().build(),
            Validation.buildDefaultValidatorFactory().getValidator());

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text.replace('\'', '"'));
    }

    private List<String> problems(String body) {
        Violations violations = new Violations();
        binder.bind(json(body), Invoice.class, violations);
        return violations.messages();
    }

    private static final String VALID = "{'altId':'6578278e879ad2646715ba9c','altType':'location',"
            + "'contact':{'name':'Ann','email':'ann@example.com'},"
            + "'items':[{'name':'Labour','qty':2.5,'taxes':[{'_id':'t1','name':'VAT','rate':19}]}],"
            + "'channel':'send_manually','count':3,'big':9007199254740993,'live':false,'dueDate':'2026-12-01',"
            + "'issueDate':'2026-11-24','meta':{'any':[1,'two']},'extra':{'k':'v'}}";

    @Test
    void aValidBodyBindsEveryField() {
        Violations violations = new Violations();
        Invoice invoice = binder.bind(json(VALID), Invoice.class, violations);
        assertThat(violations.messages()).isEmpty();
        assertThat(invoice.altId()).isEqualTo("6578278e879ad2646715ba9c");
        assertThat(invoice.items().get(0).qty()).isEqualByComparingTo("2.5");
        assertThat(invoice.items().get(0).taxes().get(0).id()).isEqualTo("t1");
        assertThat(invoice.channel()).isEqualTo(Channel.MANUAL);
        assertThat(invoice.big()).isEqualTo(9007199254740993L);
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(invoice.meta().path("any").size()).isEqualTo(2);
        assertThat(invoice.extra()).containsEntry("k", "v");
        violations.throwIfAny();
    }

    @Test
    void missingRequiredValuesAreEachNamed() {
        assertThat(problems("{}")).containsExactlyInAnyOrder("altId should not be empty", "altType should not be empty",
                "contact should not be empty", "items should not be empty");
        assertThat(problems("{'altId':null,'altType':null,'contact':null,'items':[]}")).containsExactlyInAnyOrder(
                "altId should not be empty", "altType should not be empty", "contact should not be empty",
                "items should not be empty");
    }

    @Test
    void everyProblemIsReportedAtOnceWithNestedPaths() {
        String body = "{'altId':'nope','altType':'company','contact':{'name':'','email':'not-an-email','phone':1},"
                + "'items':[{'name':'a','qty':1},{'name':'','qty':0,'taxes':[{'name':'x','rate':1},{'name':'','rate':-2,'x':0}]}],"
                + "'channel':'fax','count':1.5,'big':'7','live':'true','dueDate':'tomorrow','issueDate':'24/11/2026',"
                + "'extra':[1],'unknown':{}}";
        assertThat(problems(body)).containsExactlyInAnyOrder(
                "property unknown should not exist",
                "contact.property phone should not exist",
                "items.1.taxes.1.property x should not exist",
                "channel must be one of the following values: email, sms, send_manually",
                "count must be an integer number",
                "big must be a number conforming to the specified constraints",
                "live must be a boolean value",
                "issueDate is invalid",
                "extra must be an object",
                "altId must be a mongodb id",
                "altType must be one of the following values: location",
                "contact.name should not be empty",
                "contact.email must be an email",
                "items.1.name should not be empty",
                "items.1.qty must be a positive number",
                "items.1.taxes.1.name should not be empty",
                "items.1.taxes.1.rate must be a positive number",
                "dueDate must be a valid ISO 8601 date string");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedOnceNotAgainAsMissing() {
        List<String> problems = problems("{'altId':'6578278e879ad2646715ba9c','altType':'location','contact':'Ann',"
                + "'items':[{'name':'x','qty':'two'}]}");
        assertThat(problems).containsExactlyInAnyOrder("nested property contact must be either object or array",
                "items.0.qty must be a number conforming to the specified constraints");
    }

    @Test
    void integersOutOfRangeAndFractionsAreNotIntegers() {
        assertThat(problems(VALID.replace("'count':3", "'count':3000000000"))).containsExactly("count must be an integer number");
        assertThat(problems(VALID.replace("'count':3", "'count':3.0"))).isEmpty();
    }

    private List<String> problemsReadAsTheServerDoes(String body) {
        Violations violations = new Violations();
        binder.bind(JsonMapper.builder().enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build().readTree(body.replace('\'', '"')), Invoice.class, violations);
        return violations.messages();
    }

    @Test
    void numbersBeyondTheBoundsAreNotNumbersWhateverTheirType() {
        for (String number : List.of("1e21", "-1e21", "100000000000000000000", "1e-21", "0.000000000000000000001",
                "1.000000000000000000001", "1e2147483647", "1e-1000000000", "1e1000000000")) {
            assertThat(problemsReadAsTheServerDoes(VALID.replace("'qty':2.5", "'qty':" + number)))
                    .as(number).containsExactly("items.0.qty must be a number conforming to the specified constraints");
            assertThat(problemsReadAsTheServerDoes(VALID.replace("'count':3", "'count':" + number)))
                    .as(number).containsExactly("count must be a number conforming to the specified constraints");
            assertThat(problemsReadAsTheServerDoes(VALID.replace("'any':[1,", "'any':[" + number + ",")))
                    .as(number).containsExactly("meta.any.0 must be a number conforming to the specified constraints");
        }
        // read without exact decimals, a number beyond a double is infinite: not a number either
        assertThat(problems(VALID.replace("'qty':2.5", "'qty':1e400")))
                .containsExactly("items.0.qty must be a number conforming to the specified constraints");
        for (String number : List.of("99999999999999999999", "1e19", "1e-20", "0.1e-19", "1.00000000000000000000000000000",
                "2.5000000000000000000000000000000000000000", "0.30000000000000004", "0e-2000000000", "0e2000000000")) {
            assertThat(problemsReadAsTheServerDoes(VALID.replace("'qty':2.5", "'qty':" + number))).as(number)
                    .allSatisfy(message -> assertThat(message).doesNotContain("conforming"));
        }
        assertThat(problemsReadAsTheServerDoes(VALID.replace("'count':3", "'count':0e2000000000"))).isEmpty();
    }

    @Test
    void queryNumbersAreParsedWithinTheSameBounds() {
        for (String text : List.of("1e2147483647", "1e-2147483648", "1e1000000000", "1" + "0".repeat(200), "1e21")) {
            Violations violations = new Violations();
            binder.bindQuery(Map.of("limit", new String[] {text}, "offset", new String[] {"0"}, "altId", new String[] {"a"}),
                    Page.class, violations);
            assertThat(violations.messages()).as(text)
                    .containsExactly("limit must be a number conforming to the specified constraints");
        }
        Violations zero = new Violations();
        Page page = binder.bindQuery(Map.of("limit", new String[] {"1e1"}, "offset", new String[] {"0e2000000000"},
                "altId", new String[] {"a"}), Page.class, zero);
        assertThat(zero.messages()).isEmpty();
        assertThat(page.limit()).isEqualTo(10);
        assertThat(page.offset()).isZero();
    }

    @Test
    void stringsFollowTheTextRuleEverywhereFreeFormIncluded() {
        String message = " must not contain control characters, unpaired surrogates or noncharacters";
        assertThat(problems(VALID.replace("'name':'Ann'", "'name':'A\\u0001nn'"))).containsExactly("contact.name" + message);
        assertThat(problems(VALID.replace("'name':'Ann'", "'name':'A\\udc00nn'"))).containsExactly("contact.name" + message);
        assertThat(problems(VALID.replace("'name':'Ann'", "'name':'Ann\\ud83d'"))).containsExactly("contact.name" + message);
        assertThat(problems(VALID.replace("'name':'Ann'", "'name':'\\u0000'"))).containsExactly("contact.name" + message);
        assertThat(problems(VALID.replace("'any':[1,'two']", "'any':[1,'t\\uffffo']"))).containsExactly("meta.any.1" + message);
        assertThat(problems(VALID.replace("'k':'v'", "'k\\u001b':'v'"))).containsExactly("extra.k\u001b" + message);
        assertThat(problems(VALID.replace("'name':'Ann'", "'name':'\\tA\\r\\nn\\u007f\\u0085\\ud83d\\ude00\\ufffd'"))).isEmpty();
        Violations violations = new Violations();
        binder.bindQuery(Map.of("limit", new String[] {"1"}, "offset", new String[] {"0"}, "altId", new String[] {"a\u0002"}),
                Page.class, violations);
        assertThat(violations.messages()).containsExactly("altId" + message);
    }

    @Test
    void anErrorBodyKeepsAtMostAHundredMessagesOfAtMost300Characters() {
        Violations violations = new Violations();
        for (int i = 0; i < 1000; i++) {
            violations.add("items." + i + ".name", "should not be empty");
        }
        violations.addMessage("property " + "y".repeat(10_000) + " should not exist");
        assertThatThrownBy(violations::throwIfAny).isInstanceOfSatisfying(ApiException.class, e -> {
            List<?> messages = (List<?>) e.toBody().message();
            assertThat(messages).hasSize(ApiError.MAX_MESSAGES);
            assertThat(messages.get(98)).isEqualTo("items.98.name should not be empty");
            assertThat(messages.get(99)).isEqualTo("… and 902 more");
        });
        ApiError one = ApiException.unprocessable("amount (" + "9".repeat(1_000_000) + ") is too large").toBody();
        assertThat(((List<?>) one.message()).get(0).toString()).hasSize(ApiError.MAX_MESSAGE_LENGTH).endsWith("9…");
        ApiError split = new ApiError(400, "a".repeat(ApiError.MAX_MESSAGE_LENGTH - 2) + "\ud83d\ude00" + "b".repeat(10), null);
        assertThat(split.message().toString()).endsWith("a…").doesNotContain("\ud83d");
        assertThat(new ApiError(400, "lone \ud800 and \udc00", null).message()).isEqualTo("lone \ufffd and \ufffd");
    }

    @Test
    void aBodyThatIsNotAnObjectIsOneViolation() {
        Violations violations = new Violations();
        Invoice invoice = binder.bind(json("[1,2]"), Invoice.class, violations);
        assertThat(invoice).isNotNull();
        assertThat(violations.messages()).startsWith("request body must be a JSON object");
        Violations none = new Violations();
        binder.bind(null, Invoice.class, none);
        assertThat(none.messages()).contains("request body must be a JSON object");
    }

    @Test
    void queryParametersAreReadFromTheirText() {
        Violations violations = new Violations();
        Page page = binder.bindQuery(Map.of("limit", new String[] {"10"}, "offset", new String[] {"0"},
                "archived", new String[] {"true"}, "altId", new String[] {"abc"}), Page.class, violations);
        assertThat(violations.messages()).isEmpty();
        assertThat(page.limit()).isEqualTo(10);
        assertThat(page.archived()).isTrue();

        Violations bad = new Violations();
        binder.bindQuery(Map.of("limit", new String[] {"ten"}, "offset", new String[] {"-1"},
                "archived", new String[] {"maybe"}, "sort", new String[] {"x"}), Page.class, bad);
        assertThat(bad.messages()).containsExactlyInAnyOrder(
                "property sort should not exist",
                "limit must be a number conforming to the specified constraints",
                "archived must be a boolean value",
                "offset must not be less than 0",
                "altId should not be empty");

        Violations tooMany = new Violations();
        binder.bindQuery(Map.of("limit", new String[] {"1000"}, "offset", new String[] {"0"}, "altId", new String[] {"a"}),
                Page.class, tooMany);
        assertThat(tooMany.messages()).containsExactly("limit must not be greater than 100");
    }

    @Test
    void violationsThrowHighLevels422WithTheMessageArray() {
        Violations violations = new Violations().add("altId", "should not be empty").addMessage("property x should not exist");
        assertThatThrownBy(violations::throwIfAny).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.toBody().message()).isEqualTo(List.of("altId should not be empty", "property x should not exist"));
            assertThat(e.toBody().error()).isEqualTo("Unprocessable Entity");
        });
    }
}
