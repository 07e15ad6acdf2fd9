package org.jointchat.account;

/** One violated rule: the input field and the message key (resolved per locale by the adapters). */
public record FieldError(String field, String messageKey) {
}
