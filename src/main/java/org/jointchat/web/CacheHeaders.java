package org.jointchat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * How long browsers keep what the pages are made of (docs/operations.md, "Compression and caching"):
 * <ul>
 * <li>pages ({@code *.xhtml}, the welcome page): {@code no-cache, private} — always asked again, never in a shared
 * cache, so a deployment is seen at the next load;</li>
 * <li>Faces library resources with a version ({@code /jakarta.faces.resource/...?v=15.0.0}, PrimeFaces'): a year,
 * immutable (a new library version is a new URL); without one: {@code no-cache} (revalidated by ETag);</li>
 * <li>the unversioned /resources/... paths (still served for old links and tools): {@code no-cache}; the page uses
 * /static/&lt;version&gt;/... ({@link StaticFilesServlet}), which carries its own year-long header.</li>
 * </ul>
 */
public class CacheHeaders extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/jakarta.faces.resource/")) {
            String query = request.getQueryString();
            boolean versioned = query != null && (query.startsWith("v=") || query.contains("&v="));
            response.setHeader("Cache-Control", versioned ? StaticFiles.IMMUTABLE : "no-cache");
            chain.doFilter(request, new OwnCacheControl(response));
            return;
        } else if (path.startsWith("/resources/")) {
            response.setHeader("Cache-Control", "no-cache");
        } else if (path.endsWith(".xhtml") || path.equals("/")) {
            response.setHeader("Cache-Control", "no-cache, private");
        }
        chain.doFilter(request, response);
    }

    /** Mojarra sets {@code Cache-Control: max-age=…} on every resource, versioned or not: the one set here stays. */
    private static final class OwnCacheControl extends HttpServletResponseWrapper {

        OwnCacheControl(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Cache-Control".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Cache-Control".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }
}
