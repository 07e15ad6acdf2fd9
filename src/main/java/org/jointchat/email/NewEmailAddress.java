package org.jointchat.email;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An address a user asks to use (the body of {@code PUT /users/me/email} and the profile's field), checked by Bean
 * Validation: at most 254 characters (RFC 5321's path limit) and a sane, plain syntax: a local part of up to 64
 * ordinary characters, an {@code @}, and a domain of at least two dot-separated DNS labels. The messages are
 * bundle keys.
 */
public record NewEmailAddress(
        @NotBlank(message = "email.required")
        @Size(max = 254, message = "email.tooLong")
        @Pattern(regexp = NewEmailAddress.SYNTAX, message = "email.invalid")
        String email) {

    static final String SYNTAX = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}";

    public NewEmailAddress {
        email = email == null ? null : email.strip();
    }
}
