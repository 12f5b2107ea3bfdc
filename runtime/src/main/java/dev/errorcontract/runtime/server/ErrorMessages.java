package dev.errorcontract.runtime.server;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The titles and details of the errors the extension writes itself, in the language the caller asks for with
 * {@code Accept-Language}, among {@code quarkus.error-contract.languages}. An application adds or changes texts in
 * its own {@code error-contract-messages[_<language>].properties}, which wins over the extension's
 * {@code dev/errorcontract/messages[_<language>].properties}. Codes and types never change.
 */
final class ErrorMessages {

    static final String APPLICATION_BUNDLE = "error-contract-messages";
    static final String EXTENSION_BUNDLE = "dev.errorcontract.messages";

    private final List<Locale> languages;
    private final Map<String, Optional<ResourceBundle>> bundles = new ConcurrentHashMap<>();
    private final Map<Locale, Map<String, Optional<String>>> texts = new ConcurrentHashMap<>();

    ErrorMessages(List<String> languages) {
        List<Locale> locales = new ArrayList<>();
        for (String language : languages) {
            locales.add(Locale.forLanguageTag(language.trim()));
        }
        this.languages = List.copyOf(locales);
    }

    /** The language to answer in: the best match of the header among the configured ones, else the first of them. */
    Locale negotiate(String acceptLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank() && languages.size() > 1) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), languages);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header gets the default language
            }
        }
        return languages.get(0);
    }

    String title(int status, Locale locale, String fallback) {
        return text("title." + status, locale, fallback);
    }

    String detail(int status, Locale locale, String fallback) {
        return text("detail." + status, locale, fallback);
    }

    /**
     * One of the extension's parameterised texts ({@code java.text.MessageFormat} patterns), in the language;
     * English from the extension's bundle when neither bundle has it in that language.
     */
    String format(String key, Locale locale, Object... arguments) {
        String pattern = text(key, locale, null);
        if (pattern == null) {
            throw new IllegalStateException("No text for " + key + " in " + EXTENSION_BUNDLE);
        }
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /** Whether the language is chosen by the request, so that responses vary by {@code Accept-Language}. */
    boolean isNegotiated() {
        return languages.size() > 1;
    }

    private String text(String key, Locale locale, String fallback) {
        // a few dozen keys in the configured languages: each looked up in the bundles once
        return texts.computeIfAbsent(locale, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, ignored -> Optional.ofNullable(lookUp(key, locale)))
                .orElse(fallback);
    }

    private String lookUp(String key, Locale locale) {
        for (String bundle : List.of(APPLICATION_BUNDLE, EXTENSION_BUNDLE)) {
            ResourceBundle messages = bundle(bundle, locale);
            if (messages != null && messages.containsKey(key)) {
                return messages.getString(key);
            }
        }
        return null;
    }

    /** A bundle in a language, loaded once; {@code null} when there is none (the application's is optional). */
    private ResourceBundle bundle(String name, Locale locale) {
        return bundles.computeIfAbsent(name + '|' + locale.toLanguageTag(), ignored -> {
            try {
                return Optional.of(ResourceBundle.getBundle(name, locale, ErrorMessages.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
            } catch (MissingResourceException absent) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
