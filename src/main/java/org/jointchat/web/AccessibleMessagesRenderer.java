package org.jointchat.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

/**
 * PrimeFaces' {@code p:messages} without {@code role="alert"} on each {@code <li>}: a list item with another role
 * breaks the list for assistive technologies (axe-core's "list" rule, WCAG 1.3.1). The messages' container is an
 * {@code aria-live="polite"} region already, so they are still announced. Registered in faces-config.xml.
 */
public class AccessibleMessagesRenderer extends MessagesRenderer {

    @Override
    protected void encodeMessage(ResponseWriter writer, Messages messages, FacesMessage message, String severity, boolean escape)
            throws IOException {
        super.encodeMessage(new ResponseWriterWrapper(writer) {
            @Override
            public void writeAttribute(String name, Object value, String property) throws IOException {
                if (!"role".equals(name)) {
                    super.writeAttribute(name, value, property);
                }
            }
        }, messages, message, severity, escape);
    }
}
