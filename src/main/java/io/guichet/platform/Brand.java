package io.guichet.platform;

import java.net.URI;

/**
 * Who the public sees they are talking to: the institution's name ({@code GUICHET_INSTITUTION_NAME}) and its
 * logo ({@code GUICHET_INSTITUTION_LOGO}, an http(s) address of an image on the institution's own site), shown
 * in the help centre and in every mail.
 */
public record Brand(String name, String logo) {

    public static Brand from(Config.Settings s) {
        String logo = s.text("GUICHET_INSTITUTION_LOGO", null);
        if (logo != null && !isImageAddress(logo)) throw new Config.InvalidSetting("GUICHET_INSTITUTION_LOGO", logo, "an http(s) address of an image");
        return new Brand(s.text("GUICHET_INSTITUTION_NAME", "Guichet"), logo);
    }

    private static boolean isImageAddress(String address) {
        try {
            URI uri = new URI(address);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The site the logo comes from, which pages' Content-Security-Policy must let images come from; null without a logo. */
    public String logoOrigin() {
        if (logo == null) return null;
        URI uri = URI.create(logo);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
