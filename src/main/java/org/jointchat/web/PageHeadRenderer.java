package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import java.io.IOException;
import java.util.Set;
import org.primefaces.config.PrimeConfiguration;
import org.primefaces.context.PrimeRequestContext;
import org.primefaces.renderkit.HeadRenderer;

/**
 * PrimeFaces' {@code h:head}, except on pages that use none of its components: there it adds none of its style sheets
 * (theme, icons), scripts (locale, validation) or settings scripts (issue 21, item 8: the chat page carried 1.2 MB
 * of PrimeFaces for one logout button). Such a page's {@code css/chat-base.css} stands in for what it used of the
 * theme. Every other page renders as PrimeFaces renders it.
 */
public class PageHeadRenderer extends HeadRenderer {

    /** View ids of the pages without a PrimeFaces component; one that gains one must leave this list. */
    static final Set<String> WITHOUT_PRIMEFACES = Set.of("/app/home.xhtml");

    private static boolean plain(FacesContext context) {
        return context.getViewRoot() != null && WITHOUT_PRIMEFACES.contains(context.getViewRoot().getViewId());
    }

    @Override
    protected void encodeCSS(FacesContext context, String library, String resource) throws IOException {
        if (!plain(context)) {
            super.encodeCSS(context, library, resource);
        }
    }

    @Override
    protected void encodeJS(FacesContext context, String library, String resource) throws IOException {
        if (!plain(context)) {
            super.encodeJS(context, library, resource);
        }
    }

    @Override
    protected void encodeValidationResources(FacesContext context, PrimeConfiguration config) {
        if (!plain(context)) {
            super.encodeValidationResources(context, config);
        }
    }

    @Override
    protected void encodeLocaleResources(FacesContext context, PrimeConfiguration config) {
        if (!plain(context)) {
            super.encodeLocaleResources(context, config);
        }
    }

    @Override
    protected void encodeSettingScripts(FacesContext context, PrimeRequestContext requestContext, PrimeConfiguration config,
            ResponseWriter writer) throws IOException {
        if (!plain(context)) {
            super.encodeSettingScripts(context, requestContext, config, writer);
        }
    }

    @Override
    protected void encodeInitScripts(FacesContext context, PrimeRequestContext requestContext, PrimeConfiguration config,
            ResponseWriter writer) throws IOException {
        if (!plain(context)) {
            super.encodeInitScripts(context, requestContext, config, writer);
        }
    }
}
