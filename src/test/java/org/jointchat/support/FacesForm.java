package org.jointchat.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A Faces form as a browser without JavaScript submits it: its inputs (view state included) plus the pressed button. */
public final class FacesForm {

    private static final java.util.regex.Pattern CSP_NONCE = java.util.regex.Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final String action;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private FacesForm(String action) {
        this.action = action;
    }

    public static FacesForm of(String html, String formId) {
        Document page = Jsoup.parse(html);
        Element form = page.getElementById(formId);
        if (form == null) {
            throw new AssertionError("no form #" + formId + " in page:\n" + html);
        }
        var result = new FacesForm(form.attr("action"));
        for (Element input : form.select("input[name]")) {
            result.fields.put(input.attr("name"), input.attr("value"));
        }
        // PrimeFaces' CSP mode: its script adds the page's nonce to every form, and a postback without it is refused.
        var nonce = CSP_NONCE.matcher(html);
        if (nonce.find()) {
            result.fields.putIfAbsent("primefaces.nonce", nonce.group(1));
        }
        return result;
    }

    public FacesForm set(String name, String value) {
        if (!fields.containsKey(name)) {
            throw new AssertionError("form has no field " + name + "; fields: " + fields.keySet());
        }
        fields.put(name, value);
        return this;
    }

    public HttpSessionResponse press(HttpSession session, String buttonName) {
        var submitted = new LinkedHashMap<>(fields);
        submitted.put(buttonName, "");
        String path = URI.create(action).getRawPath();
        return new HttpSessionResponse(session.postForm(session.redirectPathOf(path), submitted));
    }

    /** The form's path (as its action names it, e.g. "/register.xhtml"), for clients other than {@link HttpSession}. */
    public String actionPath() {
        return URI.create(action).getRawPath();
    }

    /** The form as the browser would post it with this button pressed (application/x-www-form-urlencoded). */
    public String encoded(String buttonName) {
        var submitted = new LinkedHashMap<>(fields);
        submitted.put(buttonName, "");
        return submitted.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    /** A response with a parsed view of its body. */
    public record HttpSessionResponse(java.net.http.HttpResponse<String> response) {
        public int status() {
            return response.statusCode();
        }

        public Document page() {
            return Jsoup.parse(response.body());
        }
    }
}
