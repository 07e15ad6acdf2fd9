package org.jointchat.account;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the REST resources (a class) or methods an account held by the two-factor policy may still call: those that
 * set up a second factor — TOTP, or a passkey (issue 23 review, authfix). Everything else answers
 * {@code 403 two-factor-enrolment-required} while the hold lasts ({@link EnrolmentHold}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowedDuringEnrolment {
}
