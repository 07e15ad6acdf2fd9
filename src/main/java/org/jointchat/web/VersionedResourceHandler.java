package org.jointchat.web;

import jakarta.faces.application.Resource;
import jakarta.faces.application.ResourceHandler;
import jakarta.faces.application.ResourceHandlerWrapper;
import jakarta.faces.application.ResourceWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.ServletContext;

/**
 * The application's own Faces resources (no library: {@code h:outputStylesheet name="css/jointchat.css"},
 * {@code #{resource['icons.svg']}}, {@code #{resource['js/chat/main.js']}}) get versioned URLs under /static/
 * ({@link StaticFiles}) instead of /jakarta.faces.resource/...: cached for a year, new with every change.
 * Library resources (PrimeFaces, Faces' own) keep Faces' URLs, which carry their library version ({@code v=}).
 */
public class VersionedResourceHandler extends ResourceHandlerWrapper {

    public VersionedResourceHandler(ResourceHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Resource createResource(String name) {
        return versioned(super.createResource(name), name, null);
    }

    @Override
    public Resource createResource(String name, String library) {
        return versioned(super.createResource(name, library), name, library);
    }

    @Override
    public Resource createResource(String name, String library, String contentType) {
        return versioned(super.createResource(name, library, contentType), name, library);
    }

    private static Resource versioned(Resource resource, String name, String library) {
        if (resource == null || (library != null && !library.isEmpty()) || !StaticFiles.servable(name)) {
            return resource;
        }
        var context = (ServletContext) FacesContext.getCurrentInstance().getExternalContext().getContext();
        String url = StaticFiles.url(context, name);
        return new ResourceWrapper(resource) {
            @Override
            public String getRequestPath() {
                return url;
            }
        };
    }
}
