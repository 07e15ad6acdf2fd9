package org.jointchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Text with arguments for pages: {@code #{texts.plural('rooms.memberCount', n)}} (plural forms by language). */
@Named
@ApplicationScoped
public class Texts {

    public String plural(String key, long count) {
        return FacesText.text(key, count);
    }

    public String format(String key, Object argument) {
        return FacesText.text(key, argument);
    }
}
