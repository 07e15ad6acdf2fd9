package org.jointchat.web;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The page's own static files (webapp/resources: the chat modules, style sheets, icons) under URLs that carry a hash
 * of their content: {@code /static/<version>/js/chat/main.js}. A deployment that changes any of them gets a new
 * version, so a browser can keep them for a year ({@code immutable}) and never runs last week's script against a new
 * server. Relative imports between modules resolve inside the same versioned directory. Served by
 * {@link StaticFilesServlet}; Faces writes these URLs for {@code h:outputStylesheet} and {@code #{resource[...]}}
 * ({@link VersionedResourceHandler}). docs/operations.md, "Compression and caching".
 */
public final class StaticFiles {

    /** Where the versioned URLs start, after the context path. */
    public static final String PREFIX = "/static/";
    /** For a URL whose content can never change. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** What may be served: scripts and style sheets in their folders, SVG icons; no dot-segments, no WEB-INF. */
    private static final Pattern SERVABLE = Pattern.compile("(?:(?:js|css)/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]+\\.(?:js|css|svg)|[A-Za-z0-9_-]+\\.svg)");
    private static final String ROOT = "/resources/";
    private static final String ATTRIBUTE = StaticFiles.class.getName() + ".version";

    private StaticFiles() {
    }

    /** Whether a name under webapp/resources may be served versioned, e.g. {@code js/chat/main.js}. */
    public static boolean servable(String name) {
        return name != null && SERVABLE.matcher(name).matches() && !name.contains("..");
    }

    /** The file's path inside the WAR, or null when there is none or it may not be served. */
    static String file(ServletContext context, String name) {
        if (!servable(name)) {
            return null;
        }
        try {
            return context.getResource(ROOT + name) == null ? null : ROOT + name;
        } catch (java.net.MalformedURLException e) {
            return null;
        }
    }

    /** The URL of a file, e.g. {@code /static/3f2a91c0d4e5/js/chat/main.js} (with the context path). */
    public static String url(ServletContext context, String name) {
        return context.getContextPath() + PREFIX + version(context) + "/" + name;
    }

    /** The versioned URLs of every module of the chat page but main.js, for {@code <link rel="modulepreload">}. */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> chatModules(ServletContext context) {
        var modules = (java.util.List<String>) context.getAttribute(ATTRIBUTE + ".modules");
        if (modules == null) {
            var files = new TreeSet<String>();
            collect(context, ROOT + "js/chat/", files);
            modules = files.stream().map(path -> path.substring(ROOT.length())).filter(name -> name.endsWith(".js"))
                    .filter(name -> !name.equals("js/chat/main.js")).map(name -> url(context, name)).toList();
            context.setAttribute(ATTRIBUTE + ".modules", modules);
        }
        return modules;
    }

    /** The first 12 hex digits of SHA-256 over every servable file's name and bytes; computed once per deployment. */
    public static String version(ServletContext context) {
        var version = (String) context.getAttribute(ATTRIBUTE);
        if (version == null) {
            version = hash(context);
            context.setAttribute(ATTRIBUTE, version);
        }
        return version;
    }

    private static String hash(ServletContext context) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            var files = new TreeSet<String>();
            collect(context, ROOT, files);
            for (String path : files) {
                digest.update(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = context.getResourceAsStream(path)) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(ServletContext context, String dir, Set<String> files) {
        Set<String> paths = context.getResourcePaths(dir);
        if (paths == null) {
            return;
        }
        for (String path : paths) {
            if (path.endsWith("/")) {
                collect(context, path, files);
            } else if (servable(path.substring(ROOT.length()))) {
                files.add(path);
            }
        }
    }
}
