package org.jointchat.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * {@code /static/<version>/<name>}: the file {@code webapp/resources/<name>} ({@link StaticFiles}).
 * The current version is cached for a year ({@code immutable}); another version (a page from before a deployment)
 * is redirected to the current one, so its relative imports load the current modules too, all of one version.
 * The container's own file serving answers the rest (ETag, 304, Range, the content type).
 */
@WebServlet(urlPatterns = StaticFiles.PREFIX + "*")
public class StaticFilesServlet extends HttpServlet {

    private static final Pattern PATH = Pattern.compile("/([0-9a-f]{1,64})/(.+)");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        var context = getServletContext();
        var path = request.getPathInfo() == null ? null : PATH.matcher(request.getPathInfo());
        String file = path != null && path.matches() ? StaticFiles.file(context, path.group(2)) : null;
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!path.group(1).equals(StaticFiles.version(context))) {
            response.setHeader("Cache-Control", "no-cache");
            response.sendRedirect(StaticFiles.url(context, path.group(2)));
            return;
        }
        response.setHeader("Cache-Control", StaticFiles.IMMUTABLE);
        request.getRequestDispatcher(file).forward(request, response);
    }
}
