package org.jointchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Plural text for pages: {@code #{texts.plural('rooms.memberCount', n)}} (forms by the view's language). */
@Named
@ApplicationScoped
public class Texts {

    public String plural(String key, long count) {
        return FacesText.text(key, count);
    }
}
