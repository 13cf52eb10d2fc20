/**
 * Document numbering: a counter per location and kind of document, shared by invoices and, later,
 * estimates. Depends on nothing but the database.
 */
package dev.remit.numbering;
