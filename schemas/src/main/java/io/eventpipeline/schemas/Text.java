package io.eventpipeline.schemas;

/** Text that must always serialize: bounded, and without a lone UTF-16 surrogate (which JSON writers refuse). */
final class Text {

    private Text() {
    }

    /** {@code text} cut to {@code max} characters (marked with "..."), lone surrogates replaced by U+FFFD. */
    static String clean(String text, int max) {
        String cut = text;
        if (text.length() > max) {
            int end = max - 3;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            cut = text.substring(0, end) + "...";
        }
        return hasLoneSurrogate(cut) ? replaceLoneSurrogates(cut) : cut;
    }

    /** The index of the first lone surrogate in {@code text}, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasLoneSurrogate(String text) {
        return loneSurrogate(text) >= 0;
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
