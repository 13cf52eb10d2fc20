package dev.remit.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.remit.support.ApiTestBase;

/** Settings are one row per location, saved with optimistic locking; racing saves all succeed, the last wins. */
class InvoiceSettingsStorageTest extends ApiTestBase {

    @Autowired
    InvoiceService invoices;

    @Autowired
    StoredSettingsRows rows;

    private static InvoiceSettings titled(String title) {
        return new InvoiceSettings(null, null, null, null, null, title, null, null);
    }

    @Test
    void aSaveFromAStaleReadIsRefusedAndTheServiceSavesAgain() {
        String location = newLocation();
        invoices.saveSettings(location, titled("First"));
        StoredSettings read = rows.findById(location).orElseThrow();
        invoices.saveSettings(location, titled("Second"));
        assertThat(rows.findById(location).orElseThrow().version()).isEqualTo(read.version() + 1);
        assertThatThrownBy(() -> rows.save(new StoredSettings(location, read.document(), Instant.now(), read.version())))
                .satisfies(refused -> assertThat(refused instanceof OptimisticLockingFailureException
                        || refused.getCause() instanceof OptimisticLockingFailureException).as(refused.toString()).isTrue());
        assertThat(invoices.storedSettings(location).orElseThrow().title()).isEqualTo("Second");
    }

    @Test
    void racingFirstSavesAllSucceed() {
        String location = newLocation();
        List<CompletableFuture<Void>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String title = "Title " + i;
            saves.add(CompletableFuture.runAsync(() -> invoices.saveSettings(location, titled(title))));
        }
        saves.forEach(CompletableFuture::join);
        assertThat(invoices.storedSettings(location).orElseThrow().title()).startsWith("Title ");
    }
}
