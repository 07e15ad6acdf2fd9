package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.Locale;
import org.jointchat.message.SearchQuery;

/**
 * The search filters' words for the chat page's suggestions (issue 22, item 8), from {@link SearchQuery#WORDS}, the
 * one table the server parses with: rendered by app/home.xhtml into {@code <script type="application/json"
 * id="search-filter-words">} for views/searchSuggest.js. {@code keywords}/{@code values}: the English name -> the word
 * in the view's language (what is suggested); {@code anyKeyword}/{@code anyValue}: every word in any language -> its
 * English name (what the page recognises while the user types).
 */
@Named
@RequestScoped
public class SearchFilterWords {

    public String getJson() {
        var root = FacesContext.getCurrentInstance().getViewRoot();
        return json(root == null ? "en" : root.getLocale().getLanguage());
    }

    /** The words in one language (en when the table has not got it), as JSON safe inside a script element. */
    static String json(String language) {
        int column = Math.max(0, SearchQuery.LANGUAGES.indexOf(language));
        var keywords = Json.createObjectBuilder();
        var values = Json.createObjectBuilder();
        var anyKeyword = Json.createObjectBuilder();
        var anyValue = Json.createObjectBuilder();
        SearchQuery.WORDS.forEach((meaning, words) -> {
            String name = meaning.name().toLowerCase(Locale.ROOT);
            boolean keyword = meaning instanceof SearchQuery.Filter;
            (keyword ? keywords : values).add(name, words.get(column));
            words.forEach(word -> (keyword ? anyKeyword : anyValue).add(word, name));
        });
        return ChatPageTexts.safeInScript(Json.createObjectBuilder().add("language", SearchQuery.LANGUAGES.get(column))
                .add("keywords", keywords).add("values", values).add("anyKeyword", anyKeyword).add("anyValue", anyValue)
                .build().toString());
    }
}
