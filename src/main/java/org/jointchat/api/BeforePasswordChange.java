package org.jointchat.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the API operations a user with a temporary password may call before choosing a new one (changing it);
 * {@link PasswordChangeRequiredFilter} answers every other call of theirs with 403 password-change-required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforePasswordChange {
}
