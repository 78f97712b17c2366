package org.openwd.common;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work once the current transaction has committed, without a row in the event publication registry.
 * <p>
 * For listeners whose state is rebuilt from the database anyway (in-memory indexes, the distribution loop): a
 * publication row for them would buy nothing after a crash, and it costs an insert in the publishing transaction and an
 * update or delete when the listener is done. Listeners that must see every event even across a crash (write-back,
 * escalation start, reporting counters, the cluster relay) stay {@code @ApplicationModuleListener}s.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/** Runs {@code action} after the current transaction commits (never after a rollback), or now without one. */
	public static void run(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
