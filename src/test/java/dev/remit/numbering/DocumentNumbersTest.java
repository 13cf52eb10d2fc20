package dev.remit.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.remit.support.ApiTestBase;

/** Each kind of document counts on its own, per location; requested numbers move the count past them. */
class DocumentNumbersTest extends ApiTestBase {

    @Autowired
    DocumentNumbers numbers;

    @Autowired
    TransactionTemplate transaction;

    private String assign(String location, String kind, String requested, Set<String> used) {
        numbers.prepare(location, kind);
        String number = transaction.execute(status -> numbers.assign(location, kind, requested, used::contains));
        used.add(number);
        return number;
    }

    @Test
    void kindsAndLocationsCountApart() {
        String first = newLocation();
        String second = newLocation();
        Set<String> invoices = new HashSet<>();
        Set<String> estimates = new HashSet<>();
        assertThat(assign(first, "invoice", null, invoices)).isEqualTo("1");
        assertThat(assign(first, "invoice", null, invoices)).isEqualTo("2");
        assertThat(assign(first, "estimate", null, estimates)).isEqualTo("1");
        assertThat(assign(second, "invoice", null, new HashSet<>())).isEqualTo("1");
        assertThat(numbers.peek(first, "invoice", invoices::contains)).isEqualTo(3);
    }

    @Test
    void aRequestedNumberIsUsedOnceAndMovesTheCountPastIt() {
        String location = newLocation();
        Set<String> used = new HashSet<>();
        assertThat(assign(location, "estimate", "50", used)).isEqualTo("50");
        assertThat(assign(location, "estimate", "EST-7", used)).isEqualTo("EST-7");
        assertThat(assign(location, "estimate", null, used)).isEqualTo("51");
        assertThatThrownBy(() -> assign(location, "estimate", "50", used)).isInstanceOf(NumberTakenException.class)
                .satisfies(e -> assertThat(((NumberTakenException) e).number()).isEqualTo("50"));
        used.add("52"); // taken by a document given that number some other way
        assertThat(assign(location, "estimate", null, used)).isEqualTo("53");
    }
}
