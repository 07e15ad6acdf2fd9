package org.jointchat.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few operations that take a raw upload and bound its size themselves (a file of up to
 * {@code jointchat.files.max-size}): {@link BodySizeLimit}, the 64 KiB limit for JSON bodies, does not apply
 * to them. Every other operation keeps that limit.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OwnBodyLimit {
}
