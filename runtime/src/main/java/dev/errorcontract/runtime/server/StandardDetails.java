package dev.errorcontract.runtime.server;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The extension's own {@code detail} texts, for errors whose cause must not be shown to the caller: the
 * {@code detail.<status>} entries of its English message bundle, which the other languages translate.
 */
public final class StandardDetails {

    private static final Map<Integer, String> BY_STATUS = load();

    private StandardDetails() {
    }

    /** A safe, generic detail for a status, or {@code null} when there is none. */
    public static String of(int status) {
        return BY_STATUS.get(status);
    }

    private static Map<Integer, String> load() {
        ResourceBundle english = ResourceBundle.getBundle(ErrorMessages.EXTENSION_BUNDLE, Locale.ROOT,
                StandardDetails.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<Integer, String> details = new HashMap<>();
        for (String key : english.keySet()) {
            if (key.matches("detail\\.\\d{3}")) {
                details.put(Integer.valueOf(key.substring("detail.".length())), english.getString(key));
            }
        }
        return Map.copyOf(details);
    }
}
