"""Tables every job shares: dialog state, audit, outbox, dedupe, meta, blobs, rate shares."""
