package io.eventpipeline.access;

/**
 * How a change to one API key (created, revoked) reaches every running instance, so each drops what it
 * cached of that key. {@link #live()} says whether announcements reach this instance right now; while
 * they do not, the {@link Authenticator} re-reads cached keys after a short bound instead.
 */
public interface KeyChanges extends AutoCloseable {

    /** No broadcast (a single process, or no Redis): caches rely on their short fallback bound. */
    KeyChanges NONE = new KeyChanges() {
        @Override
        public void announce(String keyHash) {
        }

        @Override
        public void listen(Listener listener) {
        }

        @Override
        public boolean live() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** What a subscriber is told. */
    interface Listener {
        /** The key with this hash changed: drop it from every cache. */
        void changed(String keyHash);

        /** Announcements may have been missed (the subscription was down): drop everything. */
        void missedSome();
    }

    /** Tells every instance that the key with this hash changed; never throws. */
    void announce(String keyHash);

    /** Starts delivering announcements to {@code listener}. */
    void listen(Listener listener);

    boolean live();

    @Override
    void close();
}
