package org.jointchat.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small e-mail body in both forms at once: plain text and its HTML alternative, built from the same parts (a
 * heading, paragraphs, links, a button-like action and a footer). Every text is escaped in the HTML; no external
 * resource (image, font, style sheet) is referenced, so a mail client shows it as sent and reveals nothing on opening.
 * <pre>
 * var body = MailTemplate.in(locale).heading(h).paragraph(p).action(label, url).footer(f).build();
 * </pre>
 */
public final class MailTemplate {

    /** The two bodies of one mail. */
    public record Body(String text, String html) {
    }

    private sealed interface Part permits Heading, Paragraph, Link, Action {
    }

    private record Heading(String text) implements Part {
    }

    private record Paragraph(String text) implements Part {
    }

    private record Link(String label, String url) implements Part {
    }

    private record Action(String label, String url) implements Part {
    }

    private final Locale locale;
    private final List<Part> parts = new ArrayList<>();
    private String footer;

    private MailTemplate(Locale locale) {
        this.locale = locale == null ? Locale.ENGLISH : locale;
    }

    public static MailTemplate in(Locale locale) {
        return new MailTemplate(locale);
    }

    public MailTemplate heading(String text) {
        parts.add(new Heading(text));
        return this;
    }

    /** A paragraph; line breaks in it are kept. */
    public MailTemplate paragraph(String text) {
        parts.add(new Paragraph(text));
        return this;
    }

    /** A line with a link (the text form shows the label, then the URL). */
    public MailTemplate link(String label, String url) {
        parts.add(new Link(label, url));
        return this;
    }

    /** The mail's main link, shown as a button in HTML; the text form gives the URL on a line of its own. */
    public MailTemplate action(String label, String url) {
        parts.add(new Action(label, url));
        return this;
    }

    /** A small closing note under a rule (why the mail came, how to stop it). */
    public MailTemplate footer(String text) {
        this.footer = text;
        return this;
    }

    public Body build() {
        var text = new StringBuilder();
        var html = new StringBuilder();
        String title = parts.stream().filter(Heading.class::isInstance).map(p -> ((Heading) p).text()).findFirst().orElse("");
        html.append("<!DOCTYPE html>\n<html lang=\"").append(escape(locale.toLanguageTag())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n</head>\n")
                .append("<body style=\"margin:0;padding:16px;background:#ffffff;color:#1f2328;")
                .append("font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5\">\n")
                .append("<div style=\"max-width:560px;margin:0 auto\">\n");
        for (var part : parts) {
            if (part instanceof Heading h) {
                text.append(h.text()).append("\n\n");
                html.append("<h1 style=\"font-size:20px;margin:0 0 16px\">").append(escape(h.text())).append("</h1>\n");
            } else if (part instanceof Paragraph p) {
                text.append(p.text()).append("\n\n");
                html.append("<p style=\"margin:0 0 16px\">").append(escape(p.text()).replace("\n", "<br>\n")).append("</p>\n");
            } else if (part instanceof Link l) {
                text.append(l.label()).append(":\n").append(l.url()).append("\n\n");
                html.append("<p style=\"margin:0 0 16px\"><a href=\"").append(escape(l.url())).append("\" style=\"color:#0b57d0\">")
                        .append(escape(l.label())).append("</a></p>\n");
            } else if (part instanceof Action a) {
                text.append(a.label()).append(":\n").append(a.url()).append("\n\n");
                html.append("<p style=\"margin:24px 0\"><a href=\"").append(escape(a.url()))
                        .append("\" style=\"display:inline-block;padding:10px 20px;background:#0b57d0;color:#ffffff;")
                        .append("text-decoration:none;border-radius:6px;font-weight:600\">").append(escape(a.label()))
                        .append("</a></p>\n<p style=\"margin:0 0 16px;font-size:13px;color:#57606a;word-break:break-all\">")
                        .append(escape(a.url())).append("</p>\n");
            }
        }
        if (footer != null && !footer.isBlank()) {
            text.append("-- \n").append(footer).append('\n');
            html.append("<hr style=\"border:0;border-top:1px solid #d0d7de;margin:24px 0 12px\">\n")
                    .append("<p style=\"margin:0;font-size:13px;color:#57606a\">").append(escape(footer).replace("\n", "<br>\n"))
                    .append("</p>\n");
        }
        html.append("</div>\n</body>\n</html>\n");
        return new Body(text.toString().stripTrailing() + "\n", html.toString());
    }

    /** Text made safe for HTML element content and quoted attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
