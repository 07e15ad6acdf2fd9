package org.jointchat.message;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Message text to safe HTML, once on the server (commonmark-java): bold, italic, inline code, fenced code
 * blocks, ~~strikethrough~~, links and bare URLs. Raw HTML is escaped, never interpreted; only http, https and mailto links
 * survive; images become links (no request to a third party just by reading); headings, lists, quotes
 * and rules stay as written, as chat users type them.
 */
public final class MessageMarkdown {

    /** Bare URLs as links; ~~strike~~ as {@code <del>} (a single ~ stays a tilde, as people type it). */
    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create(),
            StrikethroughExtension.builder().requireTwoTildes(true).build());

    private static final Parser PARSER = Parser.builder()
            .enabledBlockTypes(Set.of(FencedCodeBlock.class))
            .extensions(EXTENSIONS)
            .build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .extensions(EXTENSIONS)
            .softbreak("<br>")
            .attributeProviderFactory(context -> MessageMarkdown::linkAttributes)
            .nodeRendererFactory(ImageAsLink::new)
            .build();

    private MessageMarkdown() {
    }

    /** The text as HTML that is safe to insert into the page; "" for "". */
    public static String html(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String html = RENDERER.render(PARSER.parse(text));
        html = html.endsWith("\n") ? html.substring(0, html.length() - 1) : html;
        if (html.isBlank()) {
            // Only a link reference definition ("[a]: http://x") renders nothing: show what was written.
            return "<p>" + escaped(text).replace("\n", "<br>") + "</p>";
        }
        return html;
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void linkAttributes(Node node, String tagName, Map<String, String> attributes) {
        if ("a".equals(tagName)) {
            attributes.put("rel", "noopener noreferrer nofollow");
            attributes.put("target", "_blank");
        }
    }

    /** {@code ![alt](url)} as a link to the url with the alt text, never an {@code <img>}. */
    private static final class ImageAsLink implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        ImageAsLink(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            var image = (Image) node;
            var link = new Link(image.getDestination(), image.getTitle());
            // Render the alt text as the link's text: move the children over, render, done.
            Node child = image.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.appendChild(child);
                child = next;
            }
            image.insertBefore(link);
            context.render(link);
        }
    }
}
