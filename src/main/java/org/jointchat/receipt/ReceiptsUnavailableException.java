package org.jointchat.receipt;

import java.util.Locale;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** Readers asked for in a room that keeps no receipts: more than {@link ReadReceipts#ROOM_MAX} members (409). */
public class ReceiptsUnavailableException extends RuntimeException implements ProblemSource {

    public ReceiptsUnavailableException() {
        super("read receipts are kept only in direct rooms and rooms of up to " + ReadReceipts.ROOM_MAX + " members");
    }

    @Override
    public ProblemType problemType() {
        return ProblemType.RECEIPTS_UNAVAILABLE;
    }

    @Override
    public String problemDetail(Locale locale) {
        return Messages.get(locale, "problem.receipts-unavailable.detail", ReadReceipts.ROOM_MAX);
    }
}
