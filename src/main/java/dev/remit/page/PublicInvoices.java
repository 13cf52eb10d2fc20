package dev.remit.page;

import java.util.Optional;

/** Looks invoices up by the unguessable token in their public link, and records visits. */
interface PublicInvoices {

    Optional<PublicInvoice> findByToken(String token);

    void recordVisit(PublicInvoice invoice);
}
