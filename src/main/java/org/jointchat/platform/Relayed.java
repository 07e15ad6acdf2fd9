package org.jointchat.platform;

import jakarta.inject.Qualifier;
import jakarta.enterprise.util.AnnotationLiteral;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CDI event committed on another instance of the cluster and fired again here, after the fact (no transaction).
 * Observers without qualifiers see both kinds; an observer that must act only where the change was made (in its
 * transaction: writing rows, say) observes {@code @Default} events, which relayed ones are not.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Relayed {

    final class Literal extends AnnotationLiteral<Relayed> implements Relayed {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
