package dev.remit.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /**
     * A schedule's occurrences create their invoices inside their own transactions: two first invoices
     * of a location at once both get a number (on PostgreSQL the second's insert of the sequence's row
     * waits for the first; a duplicate-key error there would have aborted its whole transaction).
     */
    @Test
    void twoFirstDocumentsOfALocationInTransactionsAtOnceBothGetANumber() throws Exception {
        String location = newLocation();
        CountDownLatch firstPrepared = new CountDownLatch(1);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            try {
                firstPrepared.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return transaction.execute(status -> {
                numbers.prepare(location, "invoice");
                return numbers.assign(location, "invoice", null, n -> false);
            });
        });
        String first = transaction.execute(status -> {
            numbers.prepare(location, "invoice");
            firstPrepared.countDown();
            try {
                Thread.sleep(300); // the second transaction reaches its insert of the sequence's row
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return numbers.assign(location, "invoice", null, n -> false);
        });
        assertThat(Set.of(first, second.get(20, TimeUnit.SECONDS))).containsExactlyInAnyOrder("1", "2");
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
