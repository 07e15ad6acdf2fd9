/**
 * Faces backing beans of the pages (sign-in, registration, profile, room directory and settings, administration)
 * and the chat page's texts; each calls one service of a feature.
 */
package org.jointchat.web;
